package io.sparksweep.report;

import io.sparksweep.stats.Ranking;
import io.sparksweep.store.SweepRanking;
import io.sparksweep.store.SweepResults;
import io.sparksweep.run.RunStatus;
import io.sparksweep.stats.BestRanking;
import io.sparksweep.stats.Correction;
import io.sparksweep.stats.ExpectedMaxCurve;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.stats.Ranking;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.sparksweep.store.ColumnNames.ACCURACY_CI95;
import static io.sparksweep.store.ColumnNames.ACCURACY_MEAN;
import static io.sparksweep.store.ColumnNames.ACCURACY_STD;
import static io.sparksweep.store.ColumnNames.ACTUAL;
import static io.sparksweep.store.ColumnNames.CLASS_NAME;
import static io.sparksweep.store.ColumnNames.COUNT;
import static io.sparksweep.store.ColumnNames.EPOCH;
import static io.sparksweep.store.ColumnNames.ERROR;
import static io.sparksweep.store.ColumnNames.EXECUTOR;
import static io.sparksweep.store.ColumnNames.FINISHED;
import static io.sparksweep.store.ColumnNames.GPU;
import static io.sparksweep.store.ColumnNames.LABEL;
import static io.sparksweep.store.ColumnNames.MODEL;
import static io.sparksweep.store.ColumnNames.NAME;
import static io.sparksweep.store.ColumnNames.PARAMETERS;
import static io.sparksweep.store.ColumnNames.PREDICTED;
import static io.sparksweep.store.ColumnNames.PROVENANCE;
import static io.sparksweep.store.ColumnNames.REPEATS;
import static io.sparksweep.store.ColumnNames.RUNS_DIVERGED;
import static io.sparksweep.store.ColumnNames.RUNS_FAILED;
import static io.sparksweep.store.ColumnNames.RUNS_OK;
import static io.sparksweep.store.ColumnNames.SEED;
import static io.sparksweep.store.ColumnNames.SPARK_MASTER;
import static io.sparksweep.store.ColumnNames.SPEC_HASH;
import static io.sparksweep.store.ColumnNames.SPEC_TEXT;
import static io.sparksweep.store.ColumnNames.STARTED;
import static io.sparksweep.store.ColumnNames.STATUS;
import static io.sparksweep.store.ColumnNames.TRAIN_SECONDS;
import static io.sparksweep.store.ColumnNames.TRAIN_SECONDS_MEAN;
import static io.sparksweep.store.ColumnNames.TRIAL_ID;
import static io.sparksweep.store.ColumnNames.VERSIONS;

/** Runs the {@link ReportQueries} over one sweep's tables and turns the rows into {@link ReportData}. */
public final class ReportDataLoader {

    static final double DEFAULT_ALPHA = 0.05;

    private final SparkSession views;
    private final SweepResults results;

    ReportDataLoader(SparkSession views, SweepResults results) {
        this.views = views;
        this.results = results;
    }

    /**
     * @param sweepDir {@code <resultsRoot>/<sweep>}
     * @param top      how many of the best configurations get learning curves
     */
    public static ReportData load(SparkSession spark, Path sweepDir, int top) {
        Path folder = sweepDir.toAbsolutePath().normalize();
        return new ReportDataLoader(ReportTables.openViews(spark, sweepDir),
                SweepResults.open(spark, folder.getParent(), folder.getFileName().toString())).load(top);
    }

    ReportData load(int top) {
        List<String> hyperparameters = SummaryColumns.hyperparameters(views.table(ReportTables.SUMMARY).schema());
        Ranking ranking = SweepRanking.of(results);
        // A halving sweep lists every candidate at every rung; the rungs a candidate never reached have no run.
        List<LeaderboardEntry> leaderboard = inRankingOrder(leaderboard(hyperparameters).stream()
                .filter(entry -> entry.runs() > 0).toList(), ranking);
        List<HyperparameterEffect> effects = hyperparameters.stream().map(this::effect).toList();
        List<String> varying = effects.stream().filter(effect -> !effect.constant())
                .map(HyperparameterEffect::name).toList();
        return new ReportData(sweep(), hyperparameters, leaderboard, effects, curves(top, leaderboard, varying),
                bestConfusion(), tradeoffs(), problemRuns(), provenance(), executors(), ranking,
                SweepRanking.budget(results, ranking),
                results.halvingCandidates().orElse((long) leaderboard.size()));
    }

    /**
     * The same ranking as every command's ({@link SweepRanking}): its trials first in its order, then the ones it
     * left out (no ok run, or an earlier halving rung) in the table's order; ranks renumbered.
     */
    static List<LeaderboardEntry> inRankingOrder(List<LeaderboardEntry> entries, Ranking ranking) {
        Map<String, Integer> position = new java.util.HashMap<>();
        ranking.entries().forEach(e -> position.put(e.trialId(), e.rank()));
        List<LeaderboardEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(e -> position.getOrDefault(e.trialId(), Integer.MAX_VALUE)));
        List<LeaderboardEntry> out = new ArrayList<>(sorted.size());
        for (LeaderboardEntry e : sorted) {
            out.add(new LeaderboardEntry(out.size() + 1, e.trialId(), e.model(), e.hyperparameters(), e.runsOk(),
                    e.runsFailed(), e.runsDiverged(), e.accuracyMean(), e.accuracyStd(), e.accuracyCi95(),
                    e.trainSecondsMean(), e.parameters()));
        }
        return out;
    }

    private List<Row> rows(String sql) {
        return views.sql(sql).collectAsList();
    }

    private SweepMetadata sweep() {
        List<Row> rows = rows(ReportQueries.SWEEP_INFO);
        if (rows.isEmpty()) {
            throw new ReportInputException("the sweep table is empty");
        }
        Row row = rows.get(0);
        return new SweepMetadata(Rows.string(row, NAME), Rows.string(row, SPEC_TEXT),
                Rows.string(row, SPEC_HASH), Rows.longOrZero(row, SEED), (int) Rows.longOrZero(row, REPEATS),
                Rows.instant(row, STARTED), Rows.instant(row, FINISHED), Rows.string(row, SPARK_MASTER),
                Rows.string(row, VERSIONS));
    }

    private List<LeaderboardEntry> leaderboard(List<String> hyperparameters) {
        List<Row> rows = rows(ReportQueries.LEADERBOARD);
        List<LeaderboardEntry> entries = new ArrayList<>(rows.size());
        for (Row row : rows) {
            entries.add(new LeaderboardEntry(entries.size() + 1, Rows.string(row, TRIAL_ID),
                    Rows.string(row, MODEL), Rows.values(row, hyperparameters),
                    Rows.longOrZero(row, RUNS_OK), Rows.longOrZero(row, RUNS_FAILED),
                    Rows.longOrZero(row, RUNS_DIVERGED), Rows.doubleOrNaN(row, ACCURACY_MEAN),
                    Rows.doubleOrNaN(row, ACCURACY_STD), Rows.doubleOrNaN(row, ACCURACY_CI95),
                    Rows.doubleOrNaN(row, TRAIN_SECONDS_MEAN), Rows.longOrZero(row, PARAMETERS)));
        }
        return entries;
    }

    private HyperparameterEffect effect(String hyperparameter) {
        List<EffectPoint> points = rows(ReportQueries.hyperparameterEffect(hyperparameter)).stream()
                .map(row -> new EffectPoint(row.getAs("value"), Rows.doubleOrNaN(row, ACCURACY_MEAN),
                        Rows.doubleOrNaN(row, ACCURACY_STD), Rows.longOrZero(row, "runs")))
                .toList();
        return new HyperparameterEffect(hyperparameter, points);
    }

    private List<LearningCurve> curves(int top, List<LeaderboardEntry> leaderboard, List<String> varying) {
        Map<String, List<EpochStats>> epochsByTrial = rows(
                ReportQueries.topConfigurations(ReportQueries.LEARNING_CURVES, top)).stream()
                .collect(Collectors.groupingBy(row -> Rows.string(row, TRIAL_ID),
                        Collectors.mapping(ReportDataLoader::epochStats, Collectors.toList())));
        return leaderboard.stream()
                .filter(entry -> epochsByTrial.containsKey(entry.trialId()))
                .map(entry -> new LearningCurve(entry.rank(), entry.trialId(), entry.label(varying),
                        epochsByTrial.get(entry.trialId()).stream()
                                .sorted(Comparator.comparingInt(EpochStats::epoch)).toList()))
                .toList();
    }

    private static EpochStats epochStats(Row row) {
        return new EpochStats((int) Rows.longOrZero(row, EPOCH), Rows.doubleOrNaN(row, "val_accuracy_mean"),
                Rows.doubleOrNaN(row, "val_accuracy_std"), Rows.doubleOrNaN(row, "val_loss_mean"),
                Rows.doubleOrNaN(row, "val_loss_std"), Rows.doubleOrNaN(row, "train_loss_mean"),
                Rows.longOrZero(row, "seeds"));
    }

    private Optional<ConfusionMatrix> bestConfusion() {
        List<Row> cells = rows(ReportQueries.BEST_CONFUSION);
        if (cells.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, String> names = rows(ReportQueries.CLASS_NAMES).stream().collect(Collectors.toMap(
                row -> (int) Rows.longOrZero(row, LABEL), row -> Rows.string(row, CLASS_NAME),
                (first, second) -> first));
        int classes = cells.stream()
                .mapToInt(row -> (int) Math.max(Rows.longOrZero(row, ACTUAL), Rows.longOrZero(row, PREDICTED)))
                .max().orElse(-1) + 1;
        classes = Math.max(classes, names.keySet().stream().mapToInt(label -> label + 1).max().orElse(0));
        long[][] counts = new long[classes][classes];
        for (Row row : cells) {
            counts[(int) Rows.longOrZero(row, ACTUAL)][(int) Rows.longOrZero(row, PREDICTED)] +=
                    Rows.longOrZero(row, COUNT);
        }
        List<String> classNames = new ArrayList<>(classes);
        for (int label = 0; label < classes; label++) {
            classNames.add(names.getOrDefault(label, Integer.toString(label)));
        }
        return Optional.of(new ConfusionMatrix(Rows.string(cells.get(0), TRIAL_ID), classNames, counts));
    }

    private List<TradeoffPoint> tradeoffs() {
        return map(ReportQueries.TRADEOFF, row -> new TradeoffPoint(Rows.string(row, TRIAL_ID),
                Rows.doubleOrNaN(row, ACCURACY_MEAN), Rows.doubleOrNaN(row, ACCURACY_STD),
                Rows.doubleOrNaN(row, TRAIN_SECONDS_MEAN), Rows.longOrZero(row, PARAMETERS)));
    }

    private List<ProblemRun> problemRuns() {
        return map(ReportQueries.PROBLEM_RUNS, row -> new ProblemRun(Rows.string(row, TRIAL_ID),
                Rows.longOrZero(row, SEED), RunStatus.of(Rows.string(row, STATUS)), Rows.string(row, ERROR)));
    }

    private List<ProvenanceCount> provenance() {
        return map(ReportQueries.RUN_PROVENANCE,
                row -> new ProvenanceCount(Rows.string(row, PROVENANCE), Rows.longOrZero(row, "runs")));
    }

    private List<ExecutorUsage> executors() {
        return map(ReportQueries.EXECUTORS, row -> new ExecutorUsage(Rows.string(row, EXECUTOR),
                Rows.string(row, GPU), Rows.longOrZero(row, "runs"), Rows.doubleOrNaN(row, TRAIN_SECONDS)));
    }

    private <T> List<T> map(String sql, Function<Row, T> mapper) {
        return rows(sql).stream().map(mapper).toList();
    }
}
