package io.sparksweep.engine;

import io.sparksweep.data.PreparedData;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Each run trained as one network across all executors ({@link DistributedTraining}, dl4j-spark parameter averaging),
 * one run after another through the same {@link RunLoop} as one-task runs ({@link DataParallelRuns}); the driver holds
 * the model, so it comes back like a run trained in a task.
 */
public final class DistributedRunTraining implements RunTraining {

    private final SparkSession spark;

    public DistributedRunTraining(SparkSession spark) {
        this.spark = spark;
    }

    /** Data-parallel training gives other numbers than one task's for the same seed. */
    @Override
    public String runIdSuffix() {
        return "-dp";
    }

    @Override
    public void train(List<RunAssignment> runs, PreparedData data, RunCheckpoints checkpoints,
                      Consumer<TrainedRun> finished) {
        Deque<RunAssignment> queue = new ArrayDeque<>(runs);
        try (DataParallelRuns flights = new DataParallelRuns(spark, data)) {
            RunLoop.drain(flights, () -> Optional.ofNullable(queue.poll()), RunCheckpoints.NONE, finished);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted; finished runs are saved, run again to resume", e);
        }
    }
}
