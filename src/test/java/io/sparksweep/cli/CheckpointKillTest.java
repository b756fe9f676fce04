package io.sparksweep.cli;

import io.sparksweep.testing.Jvms;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.testing.Slow;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code kill -9} of a sweep while its runs train, once a run has paused for a checkpoint: the same command
 * goes on from the checkpoints instead of from the first epoch, and the runs end with exactly the numbers of a sweep
 * that was never killed and never paused.
 */
@Slow
@Execution(ExecutionMode.CONCURRENT)
class CheckpointKillTest {

    private static final String SWEEP = "checkpointkilled";

    @TempDir
    Path dir;

    @Test
    void aSweepKilledMidRunGoesOnFromItsCheckpointsToTheNumbersOfAnUnbrokenSweep() throws Exception {
        Path spec = Files.writeString(dir.resolve(SWEEP + ".yaml"), "name: " + SWEEP + "\n"
                + "data: {path: '" + ProjectPaths.fashionMnist() + "', trainLimit: 800, testLimit: 200, "
                + "validationFraction: 0.2}\nmodel: lenet5\n"
                + "space: {learningRate: [0.002], batchSize: 32, dropout: 0.2, patience: 50}\n"
                + "repeats: 2\nseed: 9\ntraining: {maxEpochs: 8}\n");
        Path unbroken = dir.resolve("unbroken");
        Path killed = dir.resolve("killed");
        Path checkpoints = killed.resolve(SWEEP).resolve("checkpoints");
        try (Jvms jvms = new Jvms(dir.resolve("jvms"))) {
            // Every sweep in a JVM of its own, started alike: the numbers compared are then all computed the same way.
            // The unbroken sweep trains beside the other two: its numbers do not depend on what else runs.
            Process reference = sweep(jvms, "unbroken", spec, unbroken, "never");
            Process process = sweep(jvms, "killed", spec, killed, "2s");
            jvms.killAt("killed", process, () -> checkpointFiles(checkpoints) > 0, 0);
            Process again = sweep(jvms, "again", spec, killed, "2s");
            assertEquals(0, Jvms.await(reference, 300, "the unbroken sweep"), jvms.tail("unbroken"));
            assertEquals(0, Jvms.await(again, 300, "the same command again"), jvms.tail("again"));
            assertTrue(jvms.log("again").contains("goes on from its checkpoint after epoch"), jvms.tail("again"));
        }

        SparkSession spark = LocalSpark.session();
        assertEquals(rows(spark, unbroken, "epochs", "seed, epoch", "seed, epoch, train_loss, val_loss, val_accuracy"),
                rows(spark, killed, "epochs", "seed, epoch", "seed, epoch, train_loss, val_loss, val_accuracy"));
        assertEquals(rows(spark, unbroken, "runs", "seed", "seed, status, test_accuracy, test_loss, epochs_trained, best_epoch"),
                rows(spark, killed, "runs", "seed", "seed, status, test_accuracy, test_loss, epochs_trained, best_epoch"));
        assertEquals(0, checkpointFiles(checkpoints), "every run's checkpoint goes once the run is recorded");
    }

    private static Process sweep(Jvms jvms, String name, Path spec, Path results, String checkpointEvery) {
        return jvms.start(name, List.of("-Xmx1g"), Map.of("OMP_NUM_THREADS", "1"), "io.sparksweep.cli.Main", "run",
                spec.toString(), "--results", results.toString(), "--checkpoint-every", checkpointEvery, "--master", "local[2]");
    }

    private static List<String> rows(SparkSession spark, Path root, String table, String order, String columns) {
        return spark.read().parquet(root.resolve(SWEEP).resolve(table).toString()).selectExpr(columns.split(", "))
                .orderBy(order.split(", ")[0], order.split(", ").length > 1 ? order.split(", ")[1] : order.split(", ")[0])
                .collectAsList().stream().map(Object::toString).toList();
    }

    private static long checkpointFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ckpt")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
