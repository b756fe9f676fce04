package io.sparksweep.cli;

import io.sparksweep.store.SqlViews;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Runs a Spark SQL query over the results of every sweep in the results folder.",
                "Views: runs, epochs, classes, confusion, trials, summary, sweeps, class_summary, marginals, budget "
                        + "(see the 'tables' command for their columns).",
                "Example: sparksweep sql \"SELECT trial_id, accuracy_mean, accuracy_ci95 FROM summary "
                        + "ORDER BY accuracy_mean DESC LIMIT 5\""})
public final class SqlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ResultsOptions results;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query; quote it for the shell.")
    String query;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table: aligned columns for reading (numbers to 6 significant digits, long text cut); "
                    + "csv: a header line and RFC 4180 rows, exact values; json: an array of objects, exact "
                    + "values. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the result to FILE (replacing it) instead of standard output.")
    Path out;

    @Override
    public Integer call() throws Exception {
        try {
            OutputFormat outputFormat = OutputFormat.parse(format);
            results.checkSweepsBeforeSpark();
            SparkSession spark = results.startSpark(spec.name());
            SqlViews.register(spark, results.folder);
            Dataset<Row> result = spark.sql(query);
            List<Row> rows = result.collectAsList();
            if (out == null) {
                outputFormat.write(result.schema(), rows, spec.commandLine().getOut());
            } else {
                writeFile(outputFormat, result, rows);
            }
            return 0;
        } catch (Exception e) {
            return CommandErrors.handle(spec, e, true);
        }
    }

    private void writeFile(OutputFormat outputFormat, Dataset<Row> result, List<Row> rows) {
        try (PrintWriter file = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            outputFormat.write(result.schema(), rows, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println("wrote " + rows.size() + " rows to " + out);
        spec.commandLine().getOut().flush();
    }
}
