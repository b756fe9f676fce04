package io.sparksweep.rerun;

import io.sparksweep.engine.DistributedRunTraining;
import io.sparksweep.data.DataPreparation;
import io.sparksweep.data.PreparedData;
import io.sparksweep.engine.CustomSweeps;
import io.sparksweep.engine.DataRecipe;
import io.sparksweep.engine.ModelFiles;
import io.sparksweep.engine.RunAssignment;
import io.sparksweep.engine.RunTraining;
import io.sparksweep.engine.SparkTaskTraining;
import io.sparksweep.engine.StoredCheckpoints;
import io.sparksweep.model.ModelFamilies;
import io.sparksweep.stats.MeanDifference;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.stats.Ranking;
import io.sparksweep.stats.RankingChoice;
import io.sparksweep.stats.Selection;
import io.sparksweep.store.RerunRecord;
import io.sparksweep.store.ResultsRoot;
import io.sparksweep.stats.SampleStats;
import io.sparksweep.store.StoredSweep;
import io.sparksweep.store.SweepInfo;
import io.sparksweep.store.SweepStore;
import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunSeeds;
import io.sparksweep.run.RunStatus;
import io.sparksweep.space.Trial;
import io.sparksweep.spec.SpecException;
import io.sparksweep.spec.SpecLoader;
import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.stats.MeanDifference;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.stats.SampleStats;
import io.sparksweep.store.RerunRecord;
import io.sparksweep.store.ResultsRoot;
import io.sparksweep.store.StoredSweep;
import io.sparksweep.store.SweepStore;
import io.sparksweep.train.ModelEvaluation;
import io.sparksweep.train.TrainingPlan;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.sparksweep.store.ColumnNames.MODEL_PATH;
import static io.sparksweep.store.ColumnNames.RUN_ID;
import static io.sparksweep.store.ColumnNames.STATUS;

/**
 * Trains one trial of a finished sweep again with fresh seeds ({@link RunSeeds#forRerun}), from the exact network
 * JSON and training plan the sweep stored, through the same training as the sweep's runs; saves every ok run's
 * model with its provenance in {@code <sweep>/models/<run id>/}, writes the rerun tables, and compares the fresh
 * estimate with the sweep's. Journaled like a sweep: running the same rerun again trains only what is missing.
 *
 * <pre>{@code
 * RerunOutcome outcome = new Reruns(spark, new PrintWriter(System.out, true))
 *         .run(RerunRequest.leader("quickstart", 5), Path.of("results"));
 * }</pre>
 */
public final class Reruns {

    private final SparkSession spark;
    private final PrintWriter console;
    private final RunTraining training;
    private final Duration checkpointEvery;

    public Reruns(SparkSession spark, PrintWriter console) {
        this(spark, console, new SparkTaskTraining(spark));
    }

    /** @param training how the runs train (default: one Spark task per run) */
    public Reruns(SparkSession spark, PrintWriter console, RunTraining training) {
        this(spark, console, training, StoredCheckpoints.DEFAULT_INTERVAL);
    }

    /**
     * @param checkpointEvery how long a run trains before it pauses for a checkpoint below the sweep folder, so that a
     *                        killed rerun goes on from there; null never to pause
     */
    public Reruns(SparkSession spark, PrintWriter console, RunTraining training, Duration checkpointEvery) {
        this.spark = spark;
        this.console = console;
        this.training = training;
        this.checkpointEvery = checkpointEvery;
    }

    /**
     * Reruns a trial of a sweep run from a YAML spec: the data is prepared again from the spec the sweep stored.
     *
     * @throws IllegalArgumentException for an unknown sweep or trial, data other than the sweep's, a Java API sweep
     */
    public RerunOutcome run(RerunRequest request, Path resultsRoot) {
        return run(request, ResultsRoot.of(resultsRoot));
    }

    /** {@link #run(RerunRequest, Path)} on any results root, local or a Hadoop file system. */
    public RerunOutcome run(RerunRequest request, ResultsRoot resultsRoot) {
        StoredSweep stored = StoredSweep.open(spark, resultsRoot, request.sweep());
        SweepDefinition definition = definition(stored);
        SweepDefinition.DataSettings d = definition.data();
        Path folder = request.dataFolder() != null ? request.dataFolder() : d.path();
        PreparedData data = new DataPreparation().prepare(folder, d.dataset().equals("fashion-mnist"), d.trainLimit(),
                d.testLimit(), d.validationFraction(), definition.seed());
        DataRecipe recipe = DataRecipe.of(definition, folder);
        RankMetric metric = definition.metric();
        return rerun(request, resultsRoot, stored, data, recipe,
                RankingChoice.of(metric, Selection.parse(definition.selection())));
    }

    /**
     * Reruns a trial of a sweep built with the Java API ({@link CustomSweeps}): pass the same data the sweep had
     * (checked against the fingerprint its runs recorded). Its models record no recipe to cut the data again, so
     * evaluate them with {@link ModelEvaluation#evaluateOn}.
     */
    public RerunOutcome run(RerunRequest request, Path resultsRoot, PreparedData data) {
        return run(request, ResultsRoot.of(resultsRoot), data);
    }

    /** {@link #run(RerunRequest, Path, PreparedData)} on any results root, local or a Hadoop file system. */
    public RerunOutcome run(RerunRequest request, ResultsRoot resultsRoot, PreparedData data) {
        StoredSweep stored = StoredSweep.open(spark, resultsRoot, request.sweep());
        return rerun(request, resultsRoot, stored, data, null, stored.specChoice());
    }

    private SweepDefinition definition(StoredSweep stored) {
        try {
            return new SpecLoader(ModelFamilies.names(), ModelFamilies.optimizers())
                    .loadText(stored.specText(), stored.name() + " (spec in its sweep table)");
        } catch (SpecException e) {
            if (stored.origin() == SweepInfo.Origin.JAVA_API) {
                throw new IllegalArgumentException("sweep '" + stored.name() + "' was built with the Java API: rerun it"
                        + " from Java with Reruns.run(request, resultsRoot, data), giving it the sweep's data");
            }
            throw e;
        }
    }

    private RerunOutcome rerun(RerunRequest request, ResultsRoot resultsRoot, StoredSweep stored, PreparedData sweepData,
                               DataRecipe recipe, RankingChoice choice) {
        Ranking ranking = stored.ranking(choice);
        if (ranking.entries().isEmpty()) {
            throw new IllegalArgumentException("sweep '" + stored.name() + "' has no ok run: no leader to rerun");
        }
        String leader = ranking.entries().get(0).trialId();
        RankMetric metric = choice.metric();
        String trialId = request.trialId() == null ? leader : request.trialId();
        StoredSweep.StoredTrial trial = stored.trial(trialId);
        if (trial.planJson() == null) {
            throw new IllegalArgumentException("sweep '" + stored.name() + "' has no training plans in its trials table"
                    + " (written before 2026-11-30): run its spec again (nothing is retrained) to record them");
        }
        stored.dataFingerprint(trialId).filter(sha -> !sha.equals(sweepData.fingerprint())).ifPresent(sha -> {
            throw new IllegalArgumentException("the data given is not the data sweep '" + stored.name()
                    + "' trained on (SHA-256 " + sweepData.fingerprint().substring(0, 12) + " vs " + sha.substring(0, 12)
                    + "); pass the sweep's dataset folder");
        });
        TrainingPlan sweepPlan = TrainingPlan.fromJson(trial.planJson());
        int epochs = epochs(request, stored, trialId, sweepPlan);
        TrainingPlan plan = sweepPlan.withMaxEpochs(epochs);
        if (training instanceof DistributedRunTraining && !plan.schedule().isNone()) {
            throw new IllegalArgumentException("trial " + trialId + " trains with the learning-rate schedule "
                    + plan.schedule().text() + ", which data-parallel training does not apply: rerun it without --distributed");
        }
        PreparedData data = request.fullTrain() ? sweepData.withValidationInTraining() : sweepData;
        String variant = (request.fullTrain() ? "-full" + epochs : epochs != sweepPlan.maxEpochs() ? "-e" + epochs : "")
                + training.runIdSuffix();
        Trial runnable = new Trial(trialId, trial.model(), Map.of(), trial.networkJson(), plan);

        try (SweepStore store = SweepStore.open(spark, resultsRoot, stored.name())) {
            store.lockTakeover().ifPresent(console::println);
            return rerun(request, store, stored, new Prepared(trialId, leader, trial, plan, epochs, variant, runnable,
                    data, recipe, metric, ranking));
        }
    }

    /**
     * What a rerun settled before it takes the sweep's lock: the trial, its plan for this rerun, the run-id variant
     * and the data to train on.
     */
    private record Prepared(String trialId, String leader, StoredSweep.StoredTrial trial, TrainingPlan plan, int epochs,
                            String variant, Trial runnable, PreparedData data, DataRecipe recipe, RankMetric metric,
                            Ranking ranking) {
    }

    private RerunOutcome rerun(RerunRequest request, SweepStore store, StoredSweep stored, Prepared prepared) {
        String trialId = prepared.trialId();
        String leader = prepared.leader();
        StoredSweep.StoredTrial trial = prepared.trial();
        TrainingPlan plan = prepared.plan();
        int epochs = prepared.epochs();
        String variant = prepared.variant();
        Trial runnable = prepared.runnable();
        PreparedData data = prepared.data();
        DataRecipe recipe = prepared.recipe();
        RankMetric metric = prepared.metric();
        Ranking ranking = prepared.ranking();
        Set<String> finished = store.finishedReruns();
        List<String> runIds = new ArrayList<>();
        Map<Long, String> runIdBySeed = new LinkedHashMap<>();
        List<RunAssignment> pending = new ArrayList<>();
        for (int i = 0; i < request.seeds(); i++) {
            long seed = RunSeeds.forRerun(stored.masterSeed(), i);
            String runId = trialId + "-" + seed + variant;
            runIds.add(runId);
            runIdBySeed.put(seed, runId);
            if (!finished.contains(runId)) {
                pending.add(new RunAssignment(stored.name(), runnable, i, seed, true));
            }
        }
        console.printf("rerun %s: trial %s%s, %d fresh seed(s) x %s; %d already done, %d to train on %s%n",
                stored.name(), trialId, trialId.equals(leader) ? " (the sweep's leader, chosen on the " + ranking.selection().label()
                        + " set's " + ranking.metric().label() + ")" : "", request.seeds(),
                describe(plan, request.fullTrain()), request.seeds() - pending.size(), pending.size(),
                spark.sparkContext().master());
        console.flush();
        long started = System.nanoTime();
        try {
            training.train(pending, data, new StoredCheckpoints(store, data, checkpointEvery, console), done -> {
                RunRecord run = done.run();
                String runId = runIdBySeed.get(run.seed());
                String modelPath = null;
                if (run.ok() && done.model() != null) {
                    // The model before the journal entry: a journaled run always has its model on disk.
                    modelPath = ModelFiles.save(store, runId, done.model(), ModelFiles.provenance(stored.name(), runId,
                            run, trial.networkJson(), plan, request.fullTrain(), data, recipe));
                }
                store.journal(new RerunRecord(run, runId, request.fullTrain(), epochs, modelPath));
                console.printf("  %s: %s%s%n", runId, run.status(), run.ok()
                        ? String.format(", test accuracy %.4f, %d epoch(s), best %d, %.1f s", run.testAccuracy(),
                        run.epochsTrained(), run.bestEpoch(), run.trainSeconds())
                        : ": " + run.error());
                console.flush();
            });
        } finally {
            store.consolidateReruns();
        }
        List<Row> rows = store.rerunTable().orElseThrow()
                .filter(functions.col(RUN_ID).isin(runIds.toArray()).and(functions.col(STATUS).equalTo(RunStatus.OK.label())))
                .select(metric.column(), MODEL_PATH).collectAsList();
        double[] fresh = rows.stream().filter(r -> !r.isNullAt(0)).mapToDouble(r -> r.getDouble(0)).toArray();
        double[] sweepValues = stored.okValues(trialId, metric);
        boolean local = store.root().isLocal();
        List<Path> models = local ? rows.stream().filter(r -> !r.isNullAt(1))
                .map(r -> store.sweepDir().resolve(r.getString(1))).toList() : List.of();
        RerunOutcome outcome = new RerunOutcome(local ? store.sweepDir() : null, trialId, trialId.equals(leader), runIds, pending.size(),
                request.seeds() - pending.size(), models, metric.column(), SampleStats.of(sweepValues),
                SampleStats.of(fresh), MeanDifference.of(fresh, sweepValues));
        new RerunReport(outcome, request.fullTrain(), ranking.entries().size(), (System.nanoTime() - started) / 1e9)
                .print(console);
        return outcome;
    }

    private static int epochs(RerunRequest request, StoredSweep stored, String trialId, TrainingPlan plan) {
        if (request.epochs() != null) {
            return request.epochs();
        }
        if (!request.fullTrain()) {
            return plan.maxEpochs();
        }
        double mean = stored.meanBestEpoch(trialId).orElseThrow(() -> new IllegalArgumentException("trial " + trialId
                + " has no ok run in sweep '" + stored.name() + "' to take an epoch count from: give --epochs"));
        return Math.max(1, (int) Math.round(mean));
    }

    private static String describe(TrainingPlan plan, boolean fullTrain) {
        String batches = "batch " + plan.batchSize() + (plan.shuffle() ? ", shuffled" : "");
        return fullTrain ? plan.maxEpochs() + " epoch(s) on train+validation (" + batches + ")"
                : "up to " + plan.maxEpochs() + " epoch(s), early stopping on validation loss (patience "
                + plan.patience() + ", " + batches + ")";
    }
}
