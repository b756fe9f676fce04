package io.sparksweep.engine;

import io.sparksweep.store.ResultsRoot;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.Specs;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep whose runs pause for a checkpoint after every epoch, each pause a Spark task that ends and another that goes
 * on: the tables hold what the same sweep without pauses gives, to the last bit, and no checkpoint outlives its run.
 */
class CheckpointedSweepTest {

    private final SparkSession spark = LocalSpark.session();

    @TempDir
    Path results;

    private static SweepRequest request(String name) {
        return SpecSweeps.request(Specs.tiny(name, """
                training: {maxEpochs: 4, optimizer: adam}
                space:
                  learningRate: [0.003]
                  batchSize: 32
                  dropout: 0.3
                  patience: 2
                  schedule: [{plateau: {patience: 1, factor: 0.5, min: 1.0e-5}}]
                  augmentation: [{shift: 2, flip: true}]
                repeats: 2
                seed: 5
                """));
    }

    private List<String> epochs(String sweep) {
        return spark.read().parquet(results.resolve(sweep).resolve("epochs").toString())
                .orderBy("seed", "epoch").collectAsList().stream()
                .map(r -> r.getAs("seed") + "/" + r.getAs("epoch") + " " + r.getAs("train_loss") + " " + r.getAs("val_loss"))
                .toList();
    }

    private List<String> runs(String sweep) {
        return spark.read().parquet(results.resolve(sweep).resolve("runs").toString()).orderBy("seed").collectAsList()
                .stream().map(r -> r.getAs("seed") + " " + r.getAs("status") + " " + r.getAs("test_accuracy") + " "
                        + r.getAs("test_loss") + " " + r.getAs("epochs_trained") + " " + r.getAs("best_epoch")).toList();
    }

    @Test
    void runsPausedAtEveryEpochEndWithTheNumbersOfRunsThatNeverPaused() throws Exception {
        StringWriter console = new StringWriter();
        new SweepEngine(spark, new PrintWriter(console, true), new RunPolicy(null, false, null))
                .run(request("straight"), ResultsRoot.of(results));
        new SweepEngine(spark, new PrintWriter(console, true), new RunPolicy(null, false, Duration.ofMillis(1)))
                .run(request("paused"), ResultsRoot.of(results));

        List<String> straight = runs("straight");
        assertEquals(2, straight.size());
        assertTrue(straight.stream().allMatch(r -> r.contains(" ok ")), straight.toString());
        assertEquals(straight, runs("paused"));
        assertEquals(epochs("straight"), epochs("paused"));
        assertTrue(epochs("paused").size() >= 4, "the runs trained several epochs, so they paused: " + epochs("paused"));
        Path checkpoints = results.resolve("paused").resolve("checkpoints");
        try (var left = Files.list(checkpoints)) {
            assertFalse(left.anyMatch(f -> f.getFileName().toString().endsWith(".ckpt")),
                    "a run's checkpoint is deleted once the run is journaled");
        }
    }
}
