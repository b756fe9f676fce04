package io.sparksweep.engine;

import io.sparksweep.data.PreparedData;
import org.apache.spark.sql.SparkSession;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every run one Spark job of one task over the broadcast data, as many at once as there are task slots: the same
 * execution as a sweep's runs (the same {@link RunLoop} over {@link RunJobs}), so a run that kills its executor
 * fails alone.
 */
public final class SparkTaskTraining implements RunTraining {

    private final SparkSession spark;
    private final Duration runTimeout;

    public SparkTaskTraining(SparkSession spark) {
        this(spark, null);
    }

    /** @param runTimeout longest one run may train before it is cancelled and recorded as failed; null for no limit */
    public SparkTaskTraining(SparkSession spark, Duration runTimeout) {
        this.spark = spark;
        this.runTimeout = runTimeout;
    }

    @Override
    public void train(List<RunAssignment> runs, PreparedData data, Consumer<TrainedRun> finished) {
        if (runs.isEmpty()) {
            return;
        }
        Deque<RunAssignment> queue = new ArrayDeque<>(runs);
        try (RunJobs jobs = new RunJobs(spark.sparkContext(), data, runTimeout)) {
            RunLoop.drain(jobs, () -> Optional.ofNullable(queue.poll()), finished);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted; finished runs are saved, run again to resume", e);
        }
    }
}
