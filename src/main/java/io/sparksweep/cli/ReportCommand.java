package io.sparksweep.cli;

import io.sparksweep.report.ReportFiles;
import io.sparksweep.report.ReportInputException;
import io.sparksweep.report.ReportTables;
import io.sparksweep.report.SweepReport;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code sparksweep report SWEEP}: an offline HTML report and a PySpark notebook from a sweep's tables. */
@Command(name = "report",
        description = {"Write an HTML report and a Jupyter notebook of a finished sweep.",
                "The report (<out>/<sweep>/report.html) opens offline: leaderboard, accuracy vs each "
                        + "hyperparameter, learning curves, confusion matrix of the best configuration, "
                        + "accuracy vs cost with the Pareto front, spec and provenance.",
                "The notebook (<out>/<sweep>/report.ipynb) re-runs each chart's Spark SQL with PySpark."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written", "2:no such sweep, or its tables are incomplete"})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    SweepArgument sweepArgument;

    @Mixin
    ResultsOptions results;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "notebooks-export",
            description = "Folder for the report; its files go to <SWEEP>/ inside it (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5",
            description = "How many of the best configurations get learning curves (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() {
        if (top < 1) {
            throw new ParameterException(spec.commandLine(), "--top must be at least 1, was " + top);
        }
        try {
            // Checked before Spark starts, so a typo in the name costs no Spark start-up.
            if (results.folder.isLocal()
                    && !ReportTables.sweepExists(results.folder, sweepArgument.name, new org.apache.hadoop.conf.Configuration())) {
                spec.commandLine().getErr().println("sparksweep report: no sweep '" + sweepArgument.name + "' in " + results.folder);
                return Main.EXIT_BAD_INPUT;
            }
            // Not stopped here: the JVM exits right after, and a caller running commands in-process may share it.
            SparkSession spark = results.startSpark("report");
            ReportFiles files = SweepReport.write(spark, results.folder, sweepArgument.name, out, top, Clock.systemUTC());
            spec.commandLine().getOut().println("report:   " + files.html());
            spec.commandLine().getOut().println("notebook: " + files.notebook());
            return 0;
        } catch (ReportInputException e) {
            spec.commandLine().getErr().println("sparksweep report: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("sparksweep report: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
    }
}
