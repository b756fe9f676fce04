package io.sparksweep.results.report;

import io.sparksweep.results.Table;

import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a sweep's Parquet tables live ({@code <resultsRoot>/<sweep>/<table>/}) and how the report sees them:
 * as temporary views named like the tables, so the SQL in {@link ReportQueries} reads the same in Java and in
 * the exported notebook.
 */
public final class ReportTables {

    // The folder names are the store's own (results.Table), so the report cannot drift from the writer.
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
        return Files.isDirectory(sweepDir(resultsRoot, sweep).resolve(SUMMARY));
    }

    /** Tables of {@code ALL} that have no folder under {@code sweepDir}. */
    public static List<String> missing(Path sweepDir) {
        return ALL.stream().filter(table -> !Files.isDirectory(sweepDir.resolve(table))).toList();
    }

    /**
     * Registers every table as a temporary view in a new session that shares the caller's SparkContext, so the
     * report's view names can never shadow or be shadowed by views the caller has registered.
     */
    public static SparkSession openViews(SparkSession spark, Path sweepDir) {
        List<String> missing = missing(sweepDir);
        if (!missing.isEmpty()) {
            throw new ReportInputException("sweep folder " + sweepDir + " lacks the table(s) " + missing);
        }
        SparkSession isolated = spark.newSession();
        for (String table : ALL) {
            isolated.read().parquet(sweepDir.resolve(table).toString()).createOrReplaceTempView(table);
        }
        return isolated;
    }
}
