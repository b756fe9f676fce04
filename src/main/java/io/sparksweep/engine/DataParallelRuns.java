package io.sparksweep.engine;

import io.sparksweep.data.PreparedData;
import io.sparksweep.model.RunFacts;
import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunStatus;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Data-parallel runs ({@link DistributedTraining}) as the run loop drives them: one at a time, since each takes every
 * executor. dl4j-spark drives a run from the driver (a Spark job per epoch, validation scored between them), so each
 * run trains on a driver thread of its own under a Spark job group of its own: stopping cancels the job running and
 * keeps the run from starting the next epoch's. A run whose training throws comes back failed with the reason, like a
 * run whose Spark job failed, and the next one goes on.
 */
final class DataParallelRuns implements RunLoop.Flights, AutoCloseable {

    private static final int MAX_ERROR_CHARS = 2_000;

    private final SparkSession spark;
    private final PreparedData data;
    private final BlockingQueue<TrainedRun> completed = new LinkedBlockingQueue<>();
    /** The run in flight; null when none is. */
    private Flight flight;

    private static final class Flight {
        final RunAssignment run;
        final String group;
        volatile boolean cancelled;
        Thread thread;

        Flight(RunAssignment run, String group) {
            this.run = run;
            this.group = group;
        }
    }

    DataParallelRuns(SparkSession spark, PreparedData data) {
        this.spark = spark;
        this.data = data;
    }

    @Override
    public int slots() {
        return 1;
    }

    @Override
    public int inFlight() {
        return flight == null ? 0 : 1;
    }

    @Override
    public void submit(RunAssignment run) {
        if (flight != null) {
            throw new IllegalStateException("a data-parallel run is in flight already");
        }
        Flight started = new Flight(run, "sparksweep-dp-" + UUID.randomUUID().toString().substring(0, 8));
        started.thread = new Thread(() -> completed.add(train(started)),
                "sparksweep-data-parallel-" + run.trial().trialId() + "-" + run.seed());
        started.thread.setDaemon(true);
        flight = started;
        started.thread.start();
    }

    private TrainedRun train(Flight flight) {
        SparkContext sc = spark.sparkContext();
        RunAssignment run = flight.run;
        long submitted = System.currentTimeMillis();
        sc.setJobGroup(flight.group, "sweep " + run.sweep() + " trial " + run.trial().trialId() + " seed " + run.seed()
                + " (data-parallel)", true);
        try {
            var trained = DistributedTraining.train(spark, run.trial().networkJson(), run.trial().plan(), run.seed(), data,
                    run.trial().plan().maxEpochs(), DistributedTraining.Settings.defaults(), epoch -> {
                        if (flight.cancelled) {
                            throw new CancellationException("the run loop stopped");
                        }
                    });
            return TrainOnExecutor.finished(run, trained, data, Map.of("spark.master", sc.master()), "data-parallel",
                    null);
        } catch (Throwable e) {
            // Whatever stopped it (dl4j-spark rethrows a failed job's SparkException unchecked), the run must come back:
            // the loop waits for it.
            return new TrainedRun(failed(run, e, submitted), null);
        } finally {
            sc.clearJobGroup();
        }
    }

    @Override
    public RunResult awaitNext(long wait, TimeUnit unit) throws InterruptedException {
        TrainedRun trained = completed.poll(wait, unit);
        if (trained == null) {
            return null;
        }
        RunAssignment run = flight.run;
        flight = null;
        if (trained.run().status() == RunStatus.FAILED && spark.sparkContext().isStopped()) {
            throw new IllegalStateException("Spark stopped while run " + run.trial().trialId() + " seed " + run.seed()
                    + " was training; finished runs are saved, run again to resume");
        }
        return trained;
    }

    @Override
    public void cancelAll() {
        if (flight != null) {
            flight.cancelled = true;
            spark.sparkContext().cancelJobGroup(flight.group);
        }
    }

    /** Waits for a cancelled run's thread to end, so no job of a stopped loop is started after it returns. */
    @Override
    public void close() {
        if (flight != null && flight.cancelled) {
            try {
                flight.thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private RunRecord failed(RunAssignment run, Throwable e, long submitted) {
        String reason = "data-parallel training failed: " + String.valueOf(e.getMessage()).strip().lines().findFirst()
                .orElse(e.getClass().getName());
        if (reason.length() > MAX_ERROR_CHARS) {
            reason = reason.substring(0, MAX_ERROR_CHARS) + " ...";
        }
        long now = System.currentTimeMillis();
        String provenance = new Provenance().runJson(Map.of(RunFacts.SEED, Long.toString(run.seed()),
                "training", "data-parallel: dl4j-spark parameter averaging"));
        return new RunRecord(run.sweep(), run.trial().trialId(), run.trial().model(), run.seed(), run.repeat(),
                run.trial().hyperparameters(), RunStatus.FAILED, reason, Double.NaN, Double.NaN, 0, 0,
                (now - submitted) / 1000.0, "data-parallel", null, List.of(), List.of(), new long[0][0], provenance, now);
    }
}
