package io.sparksweep.cli;

import io.sparksweep.engine.DistributedRunTraining;
import io.sparksweep.engine.RunTraining;
import io.sparksweep.engine.SparkTaskTraining;
import io.sparksweep.rerun.RerunRequest;
import io.sparksweep.rerun.Reruns;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code rerun SWEEP}: one trial of a finished sweep trained again with fresh seeds, every model saved. */
@Command(name = "rerun", mixinStandardHelpOptions = true,
        description = {"Train one trial of a finished sweep again with fresh seeds (never the sweep's own), from the "
                + "exact network and training plan the sweep stored, one Spark task per run, and evaluate each on the "
                + "test set. Every ok run's model is saved with its provenance in <sweep>/models/<run>/; rows go to the "
                + "reruns, rerun_epochs and rerun_classes tables. Running the same rerun again trains only what is "
                + "missing. At the end the sweep's estimate of the trial and the fresh one are printed side by side.",
                "Exit codes: 0 done (even if some runs failed), 1 the Spark job failed, 2 bad input."})
public final class RerunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ResultsOptions results;

    @Mixin
    SweepArgument sweepArgument;

    @ArgGroup(exclusive = true)
    Which which;

    static final class Which {
        @Option(names = "--trial", paramLabel = "ID", description = "The trial to rerun (a trial_id of the sweep).")
        String trialId;

        @Option(names = "--best", description = "The sweep's leader: best mean over its ok runs (the default).")
        boolean best;
    }

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5",
            description = "How many fresh seeds. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epoch budget. Default: the trial's own (early stopping still applies); with --full-train, "
                    + "the mean best epoch of the sweep's runs of the trial.")
    Integer epochs;

    @Option(names = "--full-train",
            description = "Train on train+validation for a fixed number of epochs (nothing is left to early-stop on).")
    boolean fullTrain;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The dataset folder, if it moved since the sweep ran (must hold the same data).")
    Path data;

    @Option(names = "--distributed",
            description = {"Train each seed's model as one network across all executors (dl4j-spark parameter "
                    + "averaging) instead of one run per task. Its runs get their own ids (suffix -dp): data-parallel "
                    + "training gives other numbers. Not with --full-train."})
    boolean distributed;

    @Option(names = "--run-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = {"Longest one run may train, e.g. 90s, 45m, 2h: past it the run's Spark job is cancelled and the run "
                    + "recorded as failed, and the other runs go on. Default: no limit (the sweep's training.runTimeout is "
                    + "not used: a rerun may train more epochs or more data). Not with --distributed."})
    Duration runTimeout;

    @Mixin
    CheckpointOption checkpoints;

    @Override
    public Integer call() throws Exception {
        if (distributed && runTimeout != null) {
            spec.commandLine().getErr().println("sparksweep rerun: --run-timeout does not apply to --distributed training"
                    + " (one job over all executors)");
            return Main.EXIT_BAD_INPUT;
        }
        if (distributed && fullTrain) {
            spec.commandLine().getErr().println("sparksweep rerun: --distributed cannot be combined with --full-train"
                    + " (data-parallel training early-stops on the validation split)");
            return Main.EXIT_BAD_INPUT;
        }
        try {
            RerunRequest request = new RerunRequest(sweepArgument.name, which == null ? null : which.trialId, seeds, epochs,
                    fullTrain, data);
            SparkSession spark = results.startSpark(spec.name());
            RunTraining training = distributed ? new DistributedRunTraining(spark) : new SparkTaskTraining(spark, runTimeout,
                    spec.commandLine().getOut());
            new Reruns(spark, spec.commandLine().getOut(), training, checkpoints.interval()).run(request, results.folder);
            return 0;
        } catch (Exception e) {
            return CommandErrors.handle(spec, e, false);
        }
    }
}
