package io.sparksweep.cli;

import io.sparksweep.store.ResultsRoot;
import io.sparksweep.store.SweepCopy;
import io.sparksweep.store.Table;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {"Copies a sweep's tables, as they stand, into another results folder (to share them, or to "
                + "commit a study's numbers): sql, tables, best and report then read the copy as they read the "
                + "original. Only the tables travel, not the sweep's journal, checkpoints or saved models. The copy "
                + "appears whole or not at all: a copy cut short (even by kill -9) is completed by the same command, "
                + "and a completed one is not written twice. The destination must not hold that sweep already "
                + "(other than this very copy)."})
public final class CopyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ResultsOptions results;

    @Mixin
    SweepArgument sweepArgument;

    @Option(names = "--to", paramLabel = "DIR|URI", required = true, converter = ResultsOptions.RootConverter.class,
            description = "Results folder to copy the sweep into (created if needed): a local path or a Hadoop file "
                    + "system URI, like --results.")
    ResultsRoot to;

    @Option(names = "--without-predictions",
            description = "Leave out the predictions table (every run's answer for every test item: about 130 KB per "
                    + "run of 10,000 test items, most of a sweep's size). The copy's predictions view is then empty; "
                    + "every other view, best and report read as usual.")
    boolean withoutPredictions;

    @Override
    public Integer call() throws Exception {
        try {
            results.checkSweepsBeforeSpark();
            SparkSession spark = results.startSpark(spec.name());
            Set<Table> without = withoutPredictions ? EnumSet.of(Table.PREDICTIONS) : EnumSet.noneOf(Table.class);
            SweepCopy.Copied copied = SweepCopy.copy(spark, results.folder, to, sweepArgument.name, without);
            PrintWriter out = spec.commandLine().getOut();
            String where = to.sweepFolder(sweepArgument.name);
            String what = copied.tables() + " tables (" + copied.files() + " files, " + megabytes(copied.bytes()) + ")";
            out.println(copied.alreadyThere()
                    ? "copy " + sweepArgument.name + ": " + where + " already holds its " + what + "; nothing to do"
                    : "copied sweep " + sweepArgument.name + " to " + where + ": " + what);
            if (withoutPredictions) {
                out.println("  left out: predictions (" + megabytes(copied.leftOutBytes()) + ")");
            }
            if (copied.journaledRuns() > 0) {
                out.println("  not copied: " + copied.journaledRuns() + " run(s) in the sweep's journal, not yet in "
                        + "its tables (run the sweep's command again to publish them, then copy again to a new folder)");
            }
            return 0;
        } catch (Exception e) {
            return CommandErrors.handle(spec, e, false);
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
