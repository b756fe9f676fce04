package io.sparksweep.engine;

import io.sparksweep.model.ModelCost;
import io.sparksweep.run.RunKey;
import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunStatus;
import io.sparksweep.space.Trial;
import io.sparksweep.space.TrialIds;
import io.sparksweep.store.ResultsRoot;
import io.sparksweep.store.SweepInfo;
import io.sparksweep.store.SweepStore;
import io.sparksweep.store.TrialRecord;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;

/**
 * The driver side of a sweep: pulls runs from the request's {@link RunSource} (by default every (trial, seed) still
 * missing), runs each as its own Spark job over one broadcast of the data, journals every run the moment it
 * finishes, then writes the tables.
 */
public final class SweepEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SweepEngine.class);
    private final SparkSession spark;
    private final PrintWriter console;
    private final RunPolicy policy;

    public SweepEngine(SparkSession spark, PrintWriter console) {
        this(spark, console, RunPolicy.DEFAULT);
    }

    public SweepEngine(SparkSession spark, PrintWriter console, RunPolicy policy) {
        this.spark = spark;
        this.console = console;
        this.policy = policy;
    }

    /**
     * Runs the sweep: takes the sweep folder's lock and holds it throughout, asks the request's
     * {@link SweepRequest#sources() sources} for the run source, trains what it offers until it is exhausted, and
     * publishes the source's {@link RunSource#tables() tables} with the runs.
     *
     * @param resultsRoot a local folder ({@code ResultsRoot.of(Path.of("results"))}) or any Hadoop file system folder
     *                    ({@code ResultsRoot.of("hdfs://nn/sweeps")})
     * @throws io.sparksweep.store.SweepBusyException if another live process is writing this sweep
     */
    public SweepOutcome run(SweepRequest request, ResultsRoot resultsRoot) {
        try (SweepStore store = SweepStore.open(spark, resultsRoot, request.name())) {
            store.lockTakeover().ifPresent(console::println);
            return run(request, store);
        }
    }

    private SweepOutcome run(SweepRequest request, SweepStore store) {
        long started = System.currentTimeMillis();
        Set<RunKey> finished = new HashSet<>(store.finishedRuns());
        reportStaleRuns(request, finished);
        Set<RunKey> requested = FixedRuns.pending(request, Set.of()).stream()
                .map(r -> new RunKey(r.trial().trialId(), r.seed())).collect(Collectors.toSet());
        int failedEarlier = 0;
        if (!policy.retryFailed()) {
            Set<RunKey> failed = store.failedRuns();
            failed.retainAll(requested);
            failedEarlier = failed.size();
            finished.addAll(failed);
        }
        int pending = FixedRuns.pending(request, finished).size();
        int total = request.trials().size() * request.repeats();
        RunCounts counts = new RunCounts();
        String failedNote = failedEarlier == 0 ? ""
                : String.format("; %d failed earlier, not retried without --retry-failed", failedEarlier);
        RunSource source = null;
        try {
            source = request.sources().start(request, Set.copyOf(finished), store);
            OptionalInt searchBound = source.unfinishedAtMost();
            int toTrain = source.exhausted() ? 0 : Math.min(pending, searchBound.orElse(pending));
            String master = spark.sparkContext().master();
            if (searchBound.isPresent() && toTrain == 0) {
                console.printf("%s: the search is over; %d of its runs finished in %s%s%n", request.name(),
                        total - pending, store.location(), failedNote);
            } else if (searchBound.isPresent()) {
                // A search decides as it goes: only an upper bound is known, and the bar's end moves in.
                console.printf("%s: %d run(s) already done, at most %d to train%s on %s%n", request.name(),
                        total - pending, toTrain, failedNote, master);
            } else if (toTrain == 0) {
                console.printf("%s: all %d runs already finished in %s%s%n", request.name(), total, store.location(), failedNote);
            } else {
                console.printf("%s: %d trials x %d seeds = %d runs (%d already done, %d to train%s) on %s%n", request.name(),
                        request.trials().size(), request.repeats(), total, total - pending, pending, failedNote, master);
            }
            if (toTrain > 0) {
                counts = execute(request, source, toTrain, finished, store);
            }
        } finally {
            // Whatever happened, journaled runs go into the tables now; a crash before this loses nothing either.
            long tablesStart = System.nanoTime();
            store.consolidate(sweepInfo(request, started), trialRecords(request.trials()),
                    source == null ? List.of() : source.tables());
            LOG.info("{}: tables written in {} s", request.name(), String.format("%.1f", (System.nanoTime() - tablesStart) / 1e9));
        }
        source.summary().ifPresent(console::println);
        return new SweepOutcome(store.root().isLocal() ? store.sweepDir() : null, total, total - pending,
                counts.ok(), counts.failed(), counts.diverged(), (System.currentTimeMillis() - started) / 1000.0,
                store.location());
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
        return FixedRuns.pending(request, finished);
    }

    /** The source's runs through the one run loop ({@link RunLoop}), each journaled and reported as it ends. */
    private RunCounts execute(SweepRequest request, RunSource source, int expected, Set<RunKey> finished,
                              SweepStore store) {
        Set<RunKey> started = new HashSet<>(finished);
        try (ProgressReporter progress = new ProgressReporter(request.name(), expected, request.metric(), console);
             EpochProgress epochs = new EpochProgress(spark.sparkContext(), progress::epochsInFlight);
             RunJobs jobs = new RunJobs(spark.sparkContext(), request.data(), policy.runTimeout(), epochs.counter())) {
            SweepModels models = new SweepModels(request, store);
            RunCheckpoints checkpoints = new StoredCheckpoints(store, request.data(), policy.checkpointEvery(), console);
            spark.sparkContext().addSparkListener(progress);
            RunCounts counts = new RunCounts();
            try {
                RunLoop.drain(jobs, () -> {
                    if (source.exhausted()) {
                        return Optional.empty();
                    }
                    Optional<RunAssignment> next = source.next();
                    next.ifPresent(run -> {
                        RunKey key = new RunKey(run.trial().trialId(), run.seed());
                        if (!started.add(key)) {
                            throw new IllegalStateException("run source offered run " + key.trialId() + " seed "
                                    + key.seed() + " again; a run is trained once per sweep");
                        }
                    });
                    return next;
                }, checkpoints, trained -> {
                    RunRecord run = trained.run();
                    models.finished(trained); // before the journal: a journaled run has its model on disk
                    source.keep(trained);
                    store.journal(run, trained.predictions());
                    counts.add(run.status());
                    progress.runFinished(run);
                    if (!run.ok()) {
                        LOG.warn("run {} seed {} {}: {}", run.trialId(), run.seed(), run.status(), run.error());
                    }
                    source.finished(run);
                    int inFlight = jobs.inFlight();
                    source.unfinishedAtMost().ifPresent(n -> progress.remaining(Math.max(n, inFlight)));
                });
                if (!source.exhausted()) {
                    LOG.warn("{}: the run source offers nothing more while no run is training; stopping", request.name());
                }
                progress.remaining(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("sweep interrupted; finished runs are saved, run again to resume", e);
            } finally {
                spark.sparkContext().removeSparkListener(progress);
            }
            return counts;
        }
    }

    private SweepInfo sweepInfo(SweepRequest request, long started) {
        return new SweepInfo(request.name(), request.specText(), TrialIds.sha256Hex(request.specText()), request.masterSeed(),
                request.repeats(), started, System.currentTimeMillis(), spark.sparkContext().master(),
                new Provenance().versionsJson(), request.origin());
    }

    static List<TrialRecord> trialRecords(List<Trial> trials) {
        List<TrialRecord> records = new ArrayList<>();
        for (Trial trial : trials) {
            ModelCost cost = ModelCost.of(MultiLayerConfiguration.fromJson(trial.networkJson()));
            records.add(new TrialRecord(trial.trialId(), trial.model(), trial.hyperparameters(), trial.networkJson(),
                    cost.trainableParameters(), cost.flops(), cost.macs(), cost.toJson(), trial.plan().toJson()));
        }
        return records;
    }

    /** How the runs trained by one call of the engine ended, counted as they end. */
    private static final class RunCounts {

        private int ok;
        private int failed;
        private int diverged;

        void add(RunStatus status) {
            switch (status) {
                case OK -> ok++;
                case FAILED -> failed++;
                case DIVERGED -> diverged++;
            }
        }

        int ok() {
            return ok;
        }

        int failed() {
            return failed;
        }

        int diverged() {
            return diverged;
        }
    }
}
