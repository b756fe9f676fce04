package io.sparksweep.store;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Temp views over every sweep under a results folder: one per table ({@code runs, epochs, summary, classes,
 * confusion, trials, sweeps}) plus the derived {@code class_summary}, {@code marginals} and {@code budget}
 * (expected test accuracy of the configuration the ranking picks against the number tried, {@link BudgetTable}). Each view is the
 * union of that table over all sweeps, by column name, since sweeps have different hyperparameter columns.
 * Every view is registered even if no sweep has that table, so a query never reads a stale view. The derived
 * {@code marginals} and {@code budget} are computed only when a query reads them ({@link LazyView}).
 */
public final class SqlViews {

    /** The sweeps found and the names of the views registered, in a stable order. */
    public record Registered(ResultsRoot root, List<String> sweeps, List<String> views) {
    }

    private static final String CLASS_SUMMARY = "class_summary";
    private static final String MARGINALS = "marginals";
    private static final String BUDGET = "budget";

    private SqlViews() {
    }

    /** @throws IllegalArgumentException if the folder does not exist or holds no sweep */
    public static Registered register(SparkSession spark, Path root) {
        return register(spark, ResultsRoot.of(root));
    }

    /**
     * Each sweep's tables are read from one snapshot (resolved once here), so a consolidation running at the
     * same time shows either all of its tables or none; the {@code predictions} view is the union of every sweep's
     * {@code predictions} table (empty for sweeps written before it existed).
     *
     * @throws IllegalArgumentException if the folder does not exist or holds no sweep
     */
    public static Registered register(SparkSession spark, ResultsRoot root) {
        Map<String, SweepTables> sweeps = new LinkedHashMap<>();
        sweepNames(root, spark.sparkContext().hadoopConfiguration())
                .forEach(name -> sweeps.put(name, SweepTables.reader(spark, root, name)));
        Map<String, Dataset<Row>> views = new LinkedHashMap<>();
        for (Table table : Table.values()) {
            List<Dataset<Row>> parts = sweeps.values().stream().flatMap(s -> s.read(table).stream()).toList();
            views.put(table.view(), inTableOrder(table, union(spark, parts, TableSchemas.of(table, List.of())), parts));
        }
        views.put(CLASS_SUMMARY, ClassSummary.of(views.get(Table.CLASSES.view()), views.get(Table.RUNS.view())));
        // Both are computed on the driver from each sweep's runs (the budget from its whole ranking): only when a
        // query reads them, not for every query.
        List<Dataset<Row>> marginals = new ArrayList<>();
        sweeps.forEach((name, tables) -> tables.read(Table.RUNS).ifPresent(runs -> marginals.add(
                LazyView.of(spark, MarginalsTable.SCHEMA, () -> MarginalsTable.rows(name, runs)))));
        views.put(MARGINALS, union(spark, marginals, MarginalsTable.SCHEMA));
        List<Dataset<Row>> budgets = new ArrayList<>();
        sweeps.forEach((name, tables) -> budgets.add(LazyView.of(spark, BudgetTable.SCHEMA,
                () -> SweepResults.of(tables).map(results -> BudgetTable.rows(name, results)).orElse(List.of()))));
        views.put(BUDGET, union(spark, budgets, BudgetTable.SCHEMA));

        views.forEach((name, view) -> view.createOrReplaceTempView(name));
        return new Registered(root, List.copyOf(sweeps.keySet()), List.copyOf(views.keySet()));
    }

    /** {@link #sweepNames(ResultsRoot, Configuration)} of a local folder. */
    public static List<String> sweepNames(Path root) {
        return sweepNames(ResultsRoot.of(root), new Configuration());
    }

    /**
     * Names of the sweep folders under a results folder (sub-folders holding at least one table), sorted.
     * Needs no Spark, so commands can reject a bad folder before paying for a Spark start.
     *
     * @throws IllegalArgumentException if the folder does not exist or holds no sweep
     */
    public static List<String> sweepNames(ResultsRoot root, Configuration conf) {
        StoreFs fs = StoreFs.of(root, conf);
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(root.uri());
        List<String> names = new ArrayList<>();
        try {
            if (!fs.isDirectory(folder)) {
                throw new IllegalArgumentException("results folder " + root + " does not exist");
            }
            for (FileStatus entry : fs.list(folder)) {
                String name = entry.getPath().getName();
                if (entry.isDirectory() && !name.startsWith(".") && !name.startsWith("_") && isSweep(fs, entry)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list results folder " + root + ": " + StoreFs.firstLine(e), e);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("results folder " + root
                    + " holds no sweep (expected <sweep>/runs/ folders written by a sweep run)");
        }
        names.sort(null);
        return names;
    }

    private static boolean isSweep(StoreFs fs, FileStatus dir) throws IOException {
        if (fs.isDirectory(new org.apache.hadoop.fs.Path(dir.getPath(), SweepTables.SNAPSHOTS))) {
            return true;
        }
        for (Table table : Table.values()) {
            if (fs.isDirectory(new org.apache.hadoop.fs.Path(dir.getPath(), table.folder()))) {
                return true;
            }
        }
        return false;
    }

    private static Dataset<Row> union(SparkSession spark, List<Dataset<Row>> parts, StructType emptySchema) {
        return parts.stream().reduce((a, b) -> a.unionByName(b, true))
                .orElseGet(() -> spark.createDataFrame(List.of(), emptySchema));
    }

    /**
     * unionByName appends a later sweep's extra hyperparameters after the last column; put every
     * hyperparameter back between the identifying and the measured columns.
     */
    private static Dataset<Row> inTableOrder(Table table, Dataset<Row> union, List<Dataset<Row>> parts) {
        Map<String, StructField> hyperparameters = new LinkedHashMap<>();
        parts.forEach(part -> TableSchemas.hyperparameterFields(part.schema())
                .forEach(f -> hyperparameters.putIfAbsent(f.name(), f)));
        List<String> order = new ArrayList<>(Arrays.asList(
                TableSchemas.of(table, List.copyOf(hyperparameters.values())).fieldNames()));
        List<String> present = Arrays.asList(union.columns());
        order.retainAll(present);
        present.stream().filter(c -> !order.contains(c)).forEach(order::add);
        return union.selectExpr(order.stream().map(c -> "`" + c + "`").toArray(String[]::new));
    }
}
