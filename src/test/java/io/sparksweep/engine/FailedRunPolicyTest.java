package io.sparksweep.engine;

import io.sparksweep.store.ResultsRoot;
import io.sparksweep.space.Trial;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.PoisonActivation;
import io.sparksweep.testing.Specs;
import io.sparksweep.train.RunTrainer;
import io.sparksweep.train.TrainingPlan;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs that go wrong on local[2] (crashing executors need a cluster: StandaloneFaultsClusterTest): a failed run
 * stays failed on the next call unless retried on purpose, and a run past the timeout is failed and left behind.
 */
class FailedRunPolicyTest {

    private final SparkSession spark = LocalSpark.session();
    private final StringWriter console = new StringWriter();

    private SweepRequest request(String name, String poisonMode) {
        SweepRequest base = SpecSweeps.request(Specs.tiny(name, """
                space: {learningRate: 0.001, batchSize: 50}
                repeats: 1
                """));
        Trial healthy = base.trials().get(0);
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(healthy.networkJson());
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            if (layer.getLayer() instanceof BaseLayer first) {
                first.setActivationFn(new PoisonActivation(poisonMode));
                break;
            }
        }
        Trial poisoned = new Trial("poisoned", healthy.model(), healthy.hyperparameters(), conf.toJson(), healthy.plan());
        return new SweepRequest(name, List.of(healthy, poisoned), 1, base.masterSeed(), base.data(), base.specText(), RankMetric.ACCURACY);
    }

    private SweepOutcome run(SweepRequest request, Path results, RunPolicy policy) {
        return new SweepEngine(spark, new PrintWriter(console, true), policy).run(request, ResultsRoot.of(results));
    }

    private Map<String, Row> runs(Path results, String sweep) {
        return spark.read().parquet(results.resolve(sweep + "/runs").toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<String>getAs("trial_id"), r -> r));
    }

    @Test
    void aFailedRunIsLeftFailedOnTheNextCallUnlessRetriedOnPurpose(@TempDir Path results) {
        SweepRequest request = request("failing", PoisonActivation.THROW);
        SweepOutcome first = run(request, results, RunPolicy.DEFAULT);
        assertEquals(1, first.ok());
        assertEquals(1, first.failed());
        assertTrue(runs(results, "failing").get("poisoned").<String>getAs("error").contains("poisoned activation"));

        SweepOutcome again = run(request, results, RunPolicy.DEFAULT);
        assertEquals(2, again.skipped(), "nothing is trained again");
        assertEquals(0, again.ok() + again.failed() + again.diverged());
        assertTrue(console.toString().contains("1 failed earlier, not retried"), console.toString());

        SweepOutcome retried = run(request, results, new RunPolicy(null, true));
        assertEquals(1, retried.skipped(), "only the ok run counts as done");
        assertEquals(1, retried.failed(), "the failed run is trained again, and fails again");
        assertEquals(2, runs(results, "failing").size(), "still one row per (trial, seed)");
    }

    @Test
    void aRunPastTheTimeoutIsFailedWhileTheOthersFinish(@TempDir Path results) {
        SweepRequest request = request("slow", PoisonActivation.SLOW);
        SweepOutcome outcome = run(request, results, new RunPolicy(Duration.ofSeconds(4), false));
        assertEquals(1, outcome.ok(), console.toString());
        assertEquals(1, outcome.failed());
        Map<String, Row> runs = runs(results, "slow");
        assertTrue(runs.get("poisoned").<String>getAs("error").contains("timed out"), runs.get("poisoned").<String>getAs("error"));
        assertEquals("ok", runs.get(healthyId(request)).getAs("status"));
    }

    @Test
    void aTimedOutRunStopsTrainingInsteadOfHoldingItsCore(@TempDir Path results) throws InterruptedException {
        SweepRequest base = request("long", PoisonActivation.THROW);
        Trial healthy = base.trials().get(0);
        TrainingPlan plan = healthy.plan();
        // Hundreds of epochs with early stopping out of reach: far longer than the timeout.
        Trial endless = new Trial("endless", healthy.model(), healthy.hyperparameters(), healthy.networkJson(),
                new TrainingPlan(plan.batchSize(), plan.shuffle(), 1_000, 500));
        SweepRequest request = new SweepRequest("long", List.of(endless), 1, base.masterSeed(), base.data(),
                base.specText(), RankMetric.ACCURACY);
        // The slow poisoned run of another test may still be sleeping through its own cancel in this JVM.
        Set<Thread> trainingBefore = trainingThreads().keySet();
        SweepOutcome outcome = run(request, results, new RunPolicy(Duration.ofSeconds(3), false));
        assertEquals(1, outcome.failed(), console.toString());
        long deadline = System.nanoTime() + 10_000_000_000L;
        Map<Thread, StackTraceElement[]> still = trainingThreads();
        while (!trainingBefore.containsAll(still.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            still = trainingThreads();
        }
        still.keySet().removeAll(trainingBefore);
        assertTrue(still.isEmpty(), () -> "the cancelled run's thread still trains: " + trainingThreads().entrySet()
                .stream().map(e -> e.getKey().getName() + " " + Arrays.toString(Arrays.copyOf(e.getValue(), 20)))
                .collect(Collectors.joining("; ")));
    }

    private static Map<Thread, StackTraceElement[]> trainingThreads() {
        Map<Thread, StackTraceElement[]> training = new java.util.HashMap<>(Thread.getAllStackTraces());
        training.values().removeIf(stack -> Arrays.stream(stack).noneMatch(f -> f.getClassName().equals(RunTrainer.class.getName())));
        return training;
    }

    private static String healthyId(SweepRequest request) {
        return request.trials().get(0).trialId();
    }
}
