package io.sparksweep.engine;

import io.sparksweep.run.RunStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksweep.data.PreparedData;
import io.sparksweep.model.RunFacts;
import io.sparksweep.run.RunRecord;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;
import scala.concurrent.ExecutionContext;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;
import scala.util.Try;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs in flight on Spark, one Spark job per run: a run that kills its executor every time (native crash,
 * OOM kill) fails its own job after {@code spark.task.maxFailures} attempts and nothing else; a run past
 * the per-run timeout has its job cancelled. Either way it comes back as a failed {@link RunRecord} with
 * the reason. Every job reads the same broadcast of the data.
 *
 * <p>Used from one driver thread; Spark's callbacks only enqueue.
 */
final class RunJobs extends SparkListener implements RunLoop.Flights, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunJobs.class);
    private static final String GROUP_PREFIX = "sparksweep-run-";
    private static final int MAX_ERROR_CHARS = 2_000;

    private final SparkContext sc;
    private final JavaSparkContext jsc;
    private final Broadcast<PreparedData> data;
    private final Duration runTimeout;
    private final LongAccumulator epochCounter;
    private final String groupPrefix;
    private final Map<String, Flight> inFlight = new LinkedHashMap<>();
    private final BlockingQueue<Flight> completed = new LinkedBlockingQueue<>();
    /** Stage id to job group of our jobs, and the latest task start / executor per group (listener bus thread). */
    private final Map<Integer, String> stageGroups = new ConcurrentHashMap<>();
    private final Map<String, Long> taskStarted = new ConcurrentHashMap<>();
    private final Map<String, String> lastExecutor = new ConcurrentHashMap<>();

    /**
     * @param runTimeout   longest a run's task may run (from its latest attempt's start) before its job is
     *                     cancelled; null or zero for no limit
     * @param epochCounter what every run's task counts its epochs on ({@link EpochProgress#counter()})
     */
    RunJobs(SparkContext sc, PreparedData prepared, Duration runTimeout, LongAccumulator epochCounter) {
        this.sc = sc;
        this.epochCounter = epochCounter;
        this.jsc = JavaSparkContext.fromSparkContext(sc);
        this.data = jsc.broadcast(prepared);
        this.runTimeout = runTimeout == null || runTimeout.isZero() || runTimeout.isNegative() ? null : runTimeout;
        // Unique per engine call, so concurrent sweeps in one SparkContext never cancel each other's jobs.
        this.groupPrefix = GROUP_PREFIX + java.util.UUID.randomUUID().toString().substring(0, 8) + "-";
        sc.addSparkListener(this);
    }

    /**
     * How many runs may be in flight now: task slots of the executors registered right now (re-read on every
     * call, so executors that join late or leave count), or, with dynamic allocation, of the most executors it
     * may start, since Spark only asks for executors when tasks are waiting.
     */
    @Override
    public int slots() {
        SparkConf conf = sc.getConf();
        int taskCpus = Math.max(1, conf.getInt("spark.task.cpus", 1));
        long slots = Math.max(1, sc.defaultParallelism() / taskCpus);
        if (!sc.isLocal() && conf.getBoolean("spark.dynamicAllocation.enabled", false)) {
            long maxExecutors = conf.getInt("spark.dynamicAllocation.maxExecutors", Integer.MAX_VALUE);
            long executorCores = Math.max(1, conf.getInt("spark.executor.cores", 1));
            slots = Math.max(slots, maxExecutors * executorCores / taskCpus);
        }
        return (int) Math.min(slots, 10_000);
    }

    @Override
    public int inFlight() {
        return inFlight.size();
    }

    /** Submits the run's job and returns at once. */
    @Override
    public void submit(RunAssignment run) {
        String group = groupPrefix + run.trial().trialId() + "-" + run.seed();
        Flight flight = new Flight(run, group, System.currentTimeMillis());
        JavaRDD<RunAssignment> rdd = jsc.parallelize(List.of(run), 1);
        // interruptOnCancel: a cancelled (timed-out) run's task thread is interrupted; one that ignores the
        // interrupt is left to Spark's task reaper (spark.task.reaper.*), which kills its executor.
        jsc.setJobGroup(group, "sweep " + run.sweep() + " trial " + run.trial().trialId() + " seed " + run.seed(), true);
        try {
            SimpleFutureAction<BoxedUnit> job = sc.submitJob(rdd.rdd(), new TrainOnExecutor(data, epochCounter),
                    ScalaInterop.partitions(1),
                    ScalaInterop.resultHandler((Integer partition, RunResult result) -> flight.result = result),
                    ScalaInterop.unit());
            inFlight.put(group, flight);
            job.onComplete(new AbstractFunction1<Try<BoxedUnit>, BoxedUnit>() {
                @Override
                public BoxedUnit apply(Try<BoxedUnit> result) {
                    if (result.isFailure()) {
                        flight.failure = result.failed().get();
                    }
                    completed.add(flight);
                    return BoxedUnit.UNIT;
                }
            }, ExecutionContext.fromExecutor(Runnable::run));
        } finally {
            jsc.clearJobGroup();
        }
    }

    /**
     * The next run whose job ended, waiting at most {@code wait}; null if none ended meanwhile. Cancels
     * the jobs of runs past the timeout while it waits.
     *
     * @throws IllegalStateException when the SparkContext itself has stopped (no run can succeed any more)
     */
    @Override
    public RunResult awaitNext(long wait, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(wait);
        while (true) {
            cancelOverdue();
            long left = deadline - System.nanoTime();
            Flight flight = completed.poll(Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(500))), TimeUnit.NANOSECONDS);
            if (flight != null) {
                return finish(flight);
            }
            if (left <= 0) {
                return null;
            }
        }
    }

    private RunResult finish(Flight flight) {
        inFlight.remove(flight.group);
        taskStarted.remove(flight.group);
        String executor = lastExecutor.remove(flight.group);
        stageGroups.values().removeIf(flight.group::equals);
        if (flight.failure == null && flight.result != null) {
            return flight.result;
        }
        if (sc.isStopped()) {
            throw new IllegalStateException("Spark stopped while run " + flight.run.trial().trialId() + " seed "
                    + flight.run.seed() + " was training; finished runs are saved, run again to resume", flight.failure);
        }
        String reason;
        if (flight.timedOut) {
            reason = "timed out: still training after the run timeout of " + runTimeout.toSeconds()
                    + " s; its Spark job was cancelled";
        } else {
            Throwable failure = flight.failure == null ? new IllegalStateException("job ended without a result") : flight.failure;
            reason = "Spark gave up on the run: " + String.valueOf(failure.getMessage()).strip();
        }
        if (reason.length() > MAX_ERROR_CHARS) {
            reason = reason.substring(0, MAX_ERROR_CHARS) + " ...";
        }
        return new TrainedRun(failedRecord(flight, reason, executor), null);
    }

    private void cancelOverdue() {
        if (runTimeout == null) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Flight flight : new ArrayList<>(inFlight.values())) {
            Long started = taskStarted.get(flight.group);
            // A run that paused at checkpoints brings the time it trained before: the timeout is for the whole run.
            long before = (long) (flight.run.secondsBefore() * 1000);
            if (!flight.timedOut && started != null && now - started + before > runTimeout.toMillis()) {
                flight.timedOut = true;
                LOG.warn("run {} seed {} passed the run timeout of {} s; cancelling its job", flight.run.trial().trialId(),
                        flight.run.seed(), runTimeout.toSeconds());
                sc.cancelJobGroup(flight.group);
            }
        }
    }

    /** Cancels every run still in flight (the sweep is stopping). */
    @Override
    public void cancelAll() {
        for (String group : new ArrayList<>(inFlight.keySet())) {
            sc.cancelJobGroup(group);
        }
    }

    private RunRecord failedRecord(Flight flight, String reason, String executor) {
        RunAssignment run = flight.run;
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(RunFacts.SEED, Long.toString(run.seed()));
        facts.put("spark.taskMaxFailures", sc.getConf().get("spark.task.maxFailures", sc.isLocal() ? "1" : "4"));
        String provenance;
        try {
            provenance = new ObjectMapper().writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
        long now = System.currentTimeMillis();
        return new RunRecord(run.sweep(), run.trial().trialId(), run.trial().model(), run.seed(), run.repeat(),
                run.trial().hyperparameters(), RunStatus.FAILED, reason, Double.NaN, Double.NaN, 0, 0,
                (now - flight.submitted) / 1000.0 + run.secondsBefore(), executor, null, List.of(), List.of(), new long[0][0],
                provenance, now);
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        Properties properties = jobStart.properties();
        String group = properties == null ? null : properties.getProperty("spark.jobGroup.id");
        if (group != null && group.startsWith(groupPrefix)) {
            for (Object stage : JavaConverters.seqAsJavaList(jobStart.stageIds())) {
                stageGroups.put((Integer) stage, group);
            }
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart taskStart) {
        String group = stageGroups.get(taskStart.stageId());
        if (group != null) {
            taskStarted.put(group, taskStart.taskInfo().launchTime());
            lastExecutor.put(group, taskStart.taskInfo().executorId() + "@" + taskStart.taskInfo().host());
        }
    }

    @Override
    public void close() {
        sc.removeSparkListener(this);
        data.unpersist();
    }

    private static final class Flight {
        final RunAssignment run;
        final String group;
        final long submitted;
        volatile RunResult result;
        volatile Throwable failure;
        volatile boolean timedOut;

        Flight(RunAssignment run, String group, long submitted) {
            this.run = run;
            this.group = group;
            this.submitted = submitted;
        }
    }
}
