package io.sparksweep.results;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Temp views over every sweep under a results folder: one per table ({@code runs, epochs, summary, classes,
 * confusion, trials, sweeps}) plus the derived {@code class_summary}, {@code marginals} and {@code budget}
 * (expected best accuracy against the number of configurations tried, {@link BudgetTable}). Each view is the
 * union of that table over all sweeps, by column name, since sweeps have different hyperparameter columns.
 * Every view is registered even if no sweep has that table, so a query never reads a stale view.
 */
public final class SqlViews {

    /** The sweeps found and the names of the views registered, in a stable order. */
    public record Registered(Path root, List<String> sweeps, List<String> views) {
    }

    private static final String CLASS_SUMMARY = "class_summary";
    private static final String MARGINALS = "marginals";
    private static final String BUDGET = "budget";

    private SqlViews() {
    }

    /** @throws IllegalArgumentException if the folder does not exist or holds no sweep */
    public static Registered register(SparkSession spark, Path root) {
        Path folder = root.toAbsolutePath().normalize();
        Map<String, SweepTables> sweeps = sweeps(spark, folder);
        Map<String, Dataset<Row>> views = new LinkedHashMap<>();
        for (Table table : Table.values()) {
            List<Dataset<Row>> parts = sweeps.values().stream().flatMap(s -> s.read(table).stream()).toList();
            views.put(table.view(), inTableOrder(table, union(spark, parts, TableSchemas.of(table, List.of())), parts));
        }
        views.put(CLASS_SUMMARY, ClassSummary.of(views.get(Table.CLASSES.view()), views.get(Table.RUNS.view())));
        List<Dataset<Row>> marginals = new ArrayList<>();
        sweeps.forEach((name, tables) -> tables.read(Table.RUNS)
                .ifPresent(runs -> marginals.add(MarginalsTable.of(spark, name, runs))));
        views.put(MARGINALS, union(spark, marginals, MarginalsTable.SCHEMA));
        List<Dataset<Row>> budgets = new ArrayList<>();
        sweeps.forEach((name, tables) -> tables.read(Table.SUMMARY)
                .ifPresent(summary -> budgets.add(BudgetTable.of(spark, name, summary))));
        views.put(BUDGET, union(spark, budgets, BudgetTable.SCHEMA));

        views.forEach((name, view) -> view.createOrReplaceTempView(name));
        return new Registered(folder, List.copyOf(sweeps.keySet()), List.copyOf(views.keySet()));
    }

    /**
     * Names of the sweep folders under a results folder (sub-folders holding at least one table), sorted.
     * Needs no Spark, so commands can reject a bad folder before paying for a Spark start.
     *
     * @throws IllegalArgumentException if the folder does not exist or holds no sweep
     */
    public static List<String> sweepNames(Path root) {
        Path folder = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("results folder " + folder + " does not exist");
        }
        List<String> names;
        try (Stream<Path> entries = Files.list(folder)) {
            names = entries.filter(Files::isDirectory)
                    .filter(dir -> Arrays.stream(Table.values())
                            .anyMatch(t -> Files.isDirectory(dir.resolve(t.folder()))))
                    .map(dir -> dir.getFileName().toString())
                    .filter(name -> !name.startsWith(".") && !name.startsWith("_"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list results folder " + folder + ": " + e.getMessage(), e);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("results folder " + folder
                    + " holds no sweep (expected <sweep>/runs/ folders written by a sweep run)");
        }
        return names;
    }

    private static Map<String, SweepTables> sweeps(SparkSession spark, Path root) {
        Map<String, SweepTables> sweeps = new LinkedHashMap<>();
        sweepNames(root).forEach(name -> sweeps.put(name, new SweepTables(spark, root.resolve(name))));
        return sweeps;
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
