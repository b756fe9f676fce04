package io.sparksweep.cli;

import io.sparksweep.data.DatasetException;
import io.sparksweep.search.SearchStrategies;
import io.sparksweep.engine.RunPolicy;
import io.sparksweep.engine.SpecSweeps;
import io.sparksweep.engine.SweepEngine;
import io.sparksweep.engine.SweepOutcome;
import io.sparksweep.engine.SweepRequest;
import io.sparksweep.model.ModelFamilies;
import io.sparksweep.spec.SpecException;
import io.sparksweep.spec.SpecLoader;
import io.sparksweep.spec.SweepDefinition;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.sparksweep.stats.Ranking;
import io.sparksweep.stats.RankingChoice;
import io.sparksweep.stats.Selection;
import io.sparksweep.store.SweepRanking;
import io.sparksweep.store.SweepResults;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code run SPEC}: expands a sweep spec and trains every configuration with every seed on Spark. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a sweep spec: every configuration of its space, each with `repeats` seeds, one Spark job per run, as many at once as there are task slots.",
                "Runs already finished in the results folder are skipped, so running the same spec again resumes it.",
                "Exit codes: 0 done (even if some runs failed or diverged), 1 Spark itself failed, 2 bad input."})
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC", description = "Sweep spec (YAML), e.g. sweeps/quickstart.yaml.")
    Path spec;

    @Mixin
    ResultsOptions results;

    @Option(names = "--run-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = {"Longest one run may train, e.g. 90s, 45m, 2h: past it the run's Spark job is cancelled and the run "
                    + "recorded as failed, and the sweep goes on. Overrides the spec's training.runTimeout. Default: "
                    + "the spec's, else no limit.",
                    "On a cluster with spark.task.reaper.* set (cluster/spark-defaults.conf) an executor whose run ignores "
                    + "the cancel is killed and replaced."})
    Duration runTimeout;

    @Mixin
    CheckpointOption checkpoints;

    @Option(names = "--retry-failed",
            description = "Train again the runs an earlier call recorded as failed (after Spark's own retries, or past the "
                    + "run timeout). Default: they are left as failed, so a run that crashes its executor every time does "
                    + "not burn executors on every resume.")
    boolean retryFailed;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5",
            description = "How many of the best configurations to print at the end. Default: ${DEFAULT-VALUE}.")
    int top;

    /** The same ranking as the `best` command with its defaults: the spec's metric and selection set. */
    private void printLeaders(SparkSession spark, SweepRequest request, SweepDefinition definition, PrintWriter out) {
        SweepResults sweep = SweepResults.open(spark, results.folder, request.name());
        Ranking ranking = SweepRanking.of(sweep, RankingChoice.of(request.metric(), Selection.parse(definition.selection())));
        new RankingReport(request.name(), ranking, sweep.settingColumns(), sweep.settingsByTrial()).print(out, top);
    }

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        SweepRequest request;
        SweepDefinition definition;
        try {
            definition = new SpecLoader(ModelFamilies.names(), ModelFamilies.optimizers()).load(spec);
            request = SpecSweeps.request(definition);
        } catch (SpecException | DatasetException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        RunPolicy policy = new RunPolicy(runTimeout != null ? runTimeout : definition.runTimeout(), retryFailed,
                checkpoints.interval());
        SparkSession spark = results.startSpark(request.name());
        try {
            SweepEngine engine = new SweepEngine(spark, out, policy);
            SweepOutcome outcome = SearchStrategies.of(definition).run(engine, request, results.folder, out);
            out.printf("%s: %d runs trained (%d ok, %d failed, %d diverged), %d already done, %.1f s%n",
                    request.name(), outcome.ok() + outcome.failed() + outcome.diverged(), outcome.ok(), outcome.failed(),
                    outcome.diverged(), outcome.skipped(), outcome.seconds());
            if (outcome.failed() > 0) {
                out.printf("%d runs failed (reasons in the runs table's error column); the next call leaves them failed"
                        + " unless given --retry-failed%n", outcome.failed());
            }
            printLeaders(spark, request, definition, out);
            out.println("tables: " + outcome.location() + " (runs, epochs, summary, classes, confusion, predictions, trials, sweep"
                    + (definition.halving() != null ? ", promotions" : definition.race() != null ? ", race" : "")
                    + "); query them with `sql`.");
            return 0;
        } catch (SpecException | IllegalArgumentException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
    }
}
