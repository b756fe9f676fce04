package io.sparksweep.engine;

import io.sparksweep.data.PreparedData;
import io.sparksweep.model.ModelCost;
import io.sparksweep.results.RunKey;
import io.sparksweep.results.RunRecord;
import io.sparksweep.results.SweepInfo;
import io.sparksweep.results.SweepStore;
import io.sparksweep.results.TrialRecord;
import io.sparksweep.space.Trial;
import io.sparksweep.space.TrialIds;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The driver side of a sweep: works out which (trial, seed) runs are still missing, runs each as one Spark
 * task over the broadcast data, journals every run the moment it finishes, then writes the tables.
 */
public final class SweepEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SweepEngine.class);
    private final SparkSession spark;
    private final PrintWriter console;

    public SweepEngine(SparkSession spark, PrintWriter console) {
        this.spark = spark;
        this.console = console;
    }

    public SweepOutcome run(SweepRequest request, Path resultsRoot) {
        long started = System.currentTimeMillis();
        SweepStore store = new SweepStore(spark, resultsRoot, request.name());
        Set<RunKey> finished = store.finishedRuns();
        reportStaleRuns(request, finished);
        List<RunAssignment> pending = pendingRuns(request, finished);
        int total = request.trials().size() * request.repeats();
        int[] counts = new int[3];
        if (pending.isEmpty()) {
            console.printf("%s: all %d runs already finished in %s%n", request.name(), total, store.sweepDir());
        } else {
            console.printf("%s: %d trials x %d seeds = %d runs (%d already done, %d to train) on %s%n", request.name(),
                    request.trials().size(), request.repeats(), total, total - pending.size(), pending.size(),
                    spark.sparkContext().master());
        }
        try {
            if (!pending.isEmpty()) {
                execute(request, pending, store, counts);
            }
        } finally {
            // Whatever happened, journaled runs go into the tables now; a crash before this loses nothing either.
            long tablesStart = System.nanoTime();
            store.consolidate(sweepInfo(request, started), trialRecords(request.trials()));
            LOG.info("{}: tables written in {} s", request.name(), String.format("%.1f", (System.nanoTime() - tablesStart) / 1e9));
        }
        return new SweepOutcome(store.sweepDir(), total, total - pending.size(), counts[0], counts[1], counts[2],
                (System.currentTimeMillis() - started) / 1000.0);
    }

    /**
     * Stored runs of trial ids this request no longer has: the spec changed, or the code now builds another network
     * for the same values (trial ids hash what trains). They stay in the tables but count for none of these trials.
     */
    private void reportStaleRuns(SweepRequest request, Set<RunKey> finished) {
        Set<String> current = request.trials().stream().map(Trial::trialId).collect(Collectors.toSet());
        long stale = finished.stream().filter(run -> !current.contains(run.trialId())).count();
        if (stale > 0) {
            console.printf("%s: %d stored run(s) match no trial of this spec (changed spec, data or network code); "
                    + "they stay in the tables under their own trial ids and are not mixed into these trials%n",
                    request.name(), stale);
        }
    }

    /** Repeat-major order: every trial gets its first seed before any gets a second. */
    public static List<RunAssignment> pendingRuns(SweepRequest request, Set<RunKey> finished) {
        List<RunAssignment> pending = new ArrayList<>();
        for (int repeat = 0; repeat < request.repeats(); repeat++) {
            long seed = RunSeeds.forRepeat(request.masterSeed(), repeat);
            for (Trial trial : request.trials()) {
                if (!finished.contains(new RunKey(trial.trialId(), seed))) {
                    pending.add(new RunAssignment(request.name(), trial, repeat, seed));
                }
            }
        }
        return pending;
    }

    private void execute(SweepRequest request, List<RunAssignment> pending, SweepStore store, int[] counts) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<PreparedData> data = jsc.broadcast(request.data());
        JavaRDD<RunAssignment> runs = jsc.parallelize(pending, pending.size());
        BlockingQueue<RunRecord> done = new LinkedBlockingQueue<>();
        try (ProgressReporter progress = new ProgressReporter(request.name(), pending.size(), request.higherIsBetter(), console)) {
            spark.sparkContext().addSparkListener(progress);
            try {
                jsc.setJobGroup("sparksweep-" + request.name(), "sweep " + request.name(), true);
                SimpleFutureAction<?> job = spark.sparkContext().submitJob(runs.rdd(), new TrainOnExecutor(data),
                        ScalaInterop.partitions(pending.size()),
                        ScalaInterop.resultHandler((Integer partition, RunRecord run) -> done.add(run)), ScalaInterop.unit());
                int received = 0;
                while (received < pending.size()) {
                    RunRecord run = done.poll(1, TimeUnit.SECONDS);
                    if (run == null) {
                        if (job.isCompleted()) {
                            job.value().get().get(); // throws the job's failure, if any
                            if (done.isEmpty()) {
                                break;
                            }
                        }
                        continue;
                    }
                    received++;
                    store.journal(run);
                    counts[run.ok() ? 0 : RunRecord.DIVERGED.equals(run.status()) ? 2 : 1]++;
                    progress.runFinished(run);
                    if (!run.ok()) {
                        LOG.warn("run {} seed {} {}: {}", run.trialId(), run.seed(), run.status(), run.error());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("sweep interrupted; finished runs are saved, run again to resume", e);
            } finally {
                jsc.clearJobGroup();
                spark.sparkContext().removeSparkListener(progress);
                data.unpersist();
            }
        }
    }

    private SweepInfo sweepInfo(SweepRequest request, long started) {
        return new SweepInfo(request.name(), request.specText(), TrialIds.sha256Hex(request.specText()), request.masterSeed(),
                request.repeats(), started, System.currentTimeMillis(), spark.sparkContext().master(),
                new Provenance().versionsJson());
    }

    static List<TrialRecord> trialRecords(List<Trial> trials) {
        List<TrialRecord> records = new ArrayList<>();
        for (Trial trial : trials) {
            ModelCost cost = ModelCost.of(MultiLayerConfiguration.fromJson(trial.networkJson()));
            records.add(new TrialRecord(trial.trialId(), trial.model(), trial.hyperparameters(), trial.networkJson(),
                    cost.trainableParameters(), cost.flops(), cost.macs(), cost.toJson()));
        }
        return records;
    }
}
