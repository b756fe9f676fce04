package io.sparksweep.report;

import io.sparksweep.store.Table;

import io.sparksweep.store.ResultsRoot;
import io.sparksweep.store.SweepResults;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a sweep's Parquet tables live ({@code <resultsRoot>/<sweep>/<table>/}) and how the report sees them:
 * as temporary views named like the tables, so the SQL in {@link ReportQueries} reads the same in Java and in
 * the exported notebook.
 */
public final class ReportTables {

    // The folder names are the store's own (store.Table), so the report cannot drift from the writer.
    public static final String RUNS = Table.RUNS.folder();
    public static final String EPOCHS = Table.EPOCHS.folder();
    public static final String CLASSES = Table.CLASSES.folder();
    public static final String CONFUSION = Table.CONFUSION.folder();
    public static final String TRIALS = Table.TRIALS.folder();
    public static final String SUMMARY = Table.SUMMARY.folder();
    public static final String SWEEP = Table.SWEEP.folder();

    /** Every table the report reads, in the order the notebook loads them. */
    public static final List<String> ALL = List.of(RUNS, EPOCHS, CLASSES, CONFUSION, TRIALS, SUMMARY, SWEEP);

    private ReportTables() {
    }

    public static Path sweepDir(Path resultsRoot, String sweep) {
        return resultsRoot.resolve(sweep);
    }

    public static boolean sweepExists(Path resultsRoot, String sweep) {
        return sweepExists(ResultsRoot.of(resultsRoot), sweep, new Configuration());
    }

    /** Whether the sweep has a {@code summary} table in its current snapshot. Needs no Spark. */
    public static boolean sweepExists(ResultsRoot root, String sweep, Configuration conf) {
        return SweepResults.snapshotFiles(root, conf, sweep).containsKey(SUMMARY);
    }

    /** Registers the tables of a local sweep folder: see {@link #openViews(SparkSession, ResultsRoot, String)}. */
    public static SparkSession openViews(SparkSession spark, Path sweepDir) {
        Path folder = sweepDir.toAbsolutePath().normalize();
        return openViews(spark, ResultsRoot.of(folder.getParent()), folder.getFileName().toString());
    }

    /**
     * Registers every table as a temporary view in a new session that shares the caller's SparkContext, so the
     * report's view names can never shadow or be shadowed by views the caller has registered. All tables come
     * from the sweep's current snapshot.
     */
    public static SparkSession openViews(SparkSession spark, ResultsRoot root, String sweep) {
        Map<String, List<String>> tables = SweepResults.snapshotFiles(root, spark.sparkContext().hadoopConfiguration(),
                sweep);
        List<String> missing = ALL.stream().filter(table -> tables.getOrDefault(table, List.of()).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new ReportInputException("sweep folder " + root.sweepLocation(sweep) + " lacks the table(s) "
                    + missing);
        }
        SparkSession isolated = spark.newSession();
        for (String table : ALL) {
            isolated.read().parquet(tables.get(table).toArray(String[]::new)).createOrReplaceTempView(table);
        }
        return isolated;
    }
}
