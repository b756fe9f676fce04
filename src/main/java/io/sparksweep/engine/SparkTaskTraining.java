package io.sparksweep.engine;

import io.sparksweep.data.PreparedData;
import org.apache.spark.sql.SparkSession;

import java.io.PrintWriter;
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

    /** Least time between two lines of epoch progress: a run's epochs can be seconds or many minutes long. */
    private static final long EPOCH_LINE_GAP_MILLIS = 60_000;

    private final SparkSession spark;
    private final Duration runTimeout;
    private final PrintWriter console;

    public SparkTaskTraining(SparkSession spark) {
        this(spark, null, null);
    }

    /**
     * @param runTimeout longest one run may train before it is cancelled and recorded as failed; null for no limit
     * @param console    where the epochs the runs in flight have trained are printed while they train (at most a
     *                   line a minute); null for none
     */
    public SparkTaskTraining(SparkSession spark, Duration runTimeout, PrintWriter console) {
        this.spark = spark;
        this.runTimeout = runTimeout;
        this.console = console;
    }

    @Override
    public void train(List<RunAssignment> runs, PreparedData data, RunCheckpoints checkpoints,
                      Consumer<TrainedRun> finished) {
        if (runs.isEmpty()) {
            return;
        }
        Deque<RunAssignment> queue = new ArrayDeque<>(runs);
        String label = runs.get(0).sweep();
        long[] lastLine = {System.currentTimeMillis()};
        try (EpochProgress epochs = new EpochProgress(spark.sparkContext(), inFlight -> {
                 long now = System.currentTimeMillis();
                 if (console != null && !inFlight.isEmpty() && now - lastLine[0] >= EPOCH_LINE_GAP_MILLIS) {
                     lastLine[0] = now;
                     console.printf("  %s: epochs trained so far by the runs in flight: %s%n", label,
                             EpochProgress.joined(inFlight));
                 }
             });
             RunJobs jobs = new RunJobs(spark.sparkContext(), data, runTimeout, epochs.counter())) {
            RunLoop.drain(jobs, () -> Optional.ofNullable(queue.poll()), checkpoints, finished);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted; finished runs are saved, run again to resume", e);
        }
    }
}
