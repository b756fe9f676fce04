package io.sparksweep.cli;

import io.sparksweep.data.DatasetException;
import io.sparksweep.engine.SparkSessions;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code run SPEC}: expands a sweep spec and trains every configuration with every seed on Spark. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a sweep spec: every configuration of its space, each with `repeats` seeds, one Spark task per run.",
                "Runs already finished in the results folder are skipped, so running the same spec again resumes it.",
                "Exit codes: 0 done (even if some runs failed or diverged), 1 the Spark job failed, 2 bad input."})
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC", description = "Sweep spec (YAML), e.g. sweeps/quickstart.yaml.")
    Path spec;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
            description = "Results root; the sweep's tables go to DIR/<sweep name>/. Default: ${DEFAULT-VALUE}.")
    Path results;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2] or spark://host:7077. Default: spark-submit's, else local[*].")
    String master;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5",
            description = "How many of the best configurations to print at the end. Default: ${DEFAULT-VALUE}.")
    int top;

    @Override
    public Integer call() {
        SweepRequest request;
        try {
            SweepDefinition definition = new SpecLoader(ModelFamilies.names(), ModelFamilies.optimizers()).load(spec);
            request = SpecSweeps.request(definition);
        } catch (SpecException | DatasetException e) {
            System.err.println("error: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        SparkSession spark = SparkSessions.start(master, "sparksweep-" + request.name());
        try {
            SweepOutcome outcome = new SweepEngine(spark, System.out).run(request, results);
            System.out.printf("%s: %d runs trained (%d ok, %d failed, %d diverged), %d already done, %.1f s%n",
                    request.name(), outcome.ok() + outcome.failed() + outcome.diverged(), outcome.ok(), outcome.failed(),
                    outcome.diverged(), outcome.skipped(), outcome.seconds());
            new Leaderboard(spark).print(outcome.sweepDir(), top, request.higherIsBetter(), System.out);
            System.out.println("tables: " + outcome.sweepDir().toAbsolutePath()
                    + " (runs, epochs, summary, classes, confusion, trials, sweep); query them with `sql`.");
            return 0;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
    }
}
