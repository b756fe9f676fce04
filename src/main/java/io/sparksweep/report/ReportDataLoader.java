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
        List<LeaderboardEntry> leaderboard = inRankingOrder(leaderboard(hyperparameters), ranking);
        List<HyperparameterEffect> effects = hyperparameters.stream().map(this::effect).toList();
        List<String> varying = effects.stream().filter(effect -> !effect.constant())
                .map(HyperparameterEffect::name).toList();
        return new ReportData(sweep(), hyperparameters, leaderboard, effects, curves(top, leaderboard, varying),
                bestConfusion(), tradeoffs(), problemRuns(), provenance(), executors(), ranking,
                SweepRanking.budget(results, ranking));
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
        return new SweepMetadata(Rows.string(row, "name"), Rows.string(row, "spec_text"),
                Rows.string(row, "spec_hash"), Rows.longOrZero(row, "seed"), (int) Rows.longOrZero(row, "repeats"),
                Rows.instant(row, "started"), Rows.instant(row, "finished"), Rows.string(row, "spark_master"),
                Rows.string(row, "versions"));
    }

    private List<LeaderboardEntry> leaderboard(List<String> hyperparameters) {
        List<Row> rows = rows(ReportQueries.LEADERBOARD);
        List<LeaderboardEntry> entries = new ArrayList<>(rows.size());
        for (Row row : rows) {
            entries.add(new LeaderboardEntry(entries.size() + 1, Rows.string(row, "trial_id"),
                    Rows.string(row, "model"), Rows.values(row, hyperparameters),
                    Rows.longOrZero(row, "runs_ok"), Rows.longOrZero(row, "runs_failed"),
                    Rows.longOrZero(row, "runs_diverged"), Rows.doubleOrNaN(row, "accuracy_mean"),
                    Rows.doubleOrNaN(row, "accuracy_std"), Rows.doubleOrNaN(row, "accuracy_ci95"),
                    Rows.doubleOrNaN(row, "train_seconds_mean"), Rows.longOrZero(row, "parameters")));
        }
        return entries;
    }

    private HyperparameterEffect effect(String hyperparameter) {
        List<EffectPoint> points = rows(ReportQueries.hyperparameterEffect(hyperparameter)).stream()
                .map(row -> new EffectPoint(row.getAs("value"), Rows.doubleOrNaN(row, "accuracy_mean"),
                        Rows.doubleOrNaN(row, "accuracy_std"), Rows.longOrZero(row, "runs")))
                .toList();
        return new HyperparameterEffect(hyperparameter, points);
    }

    private List<LearningCurve> curves(int top, List<LeaderboardEntry> leaderboard, List<String> varying) {
        Map<String, List<EpochStats>> epochsByTrial = rows(
                ReportQueries.topConfigurations(ReportQueries.LEARNING_CURVES, top)).stream()
                .collect(Collectors.groupingBy(row -> Rows.string(row, "trial_id"),
                        Collectors.mapping(ReportDataLoader::epochStats, Collectors.toList())));
        return leaderboard.stream()
                .filter(entry -> epochsByTrial.containsKey(entry.trialId()))
                .map(entry -> new LearningCurve(entry.rank(), entry.trialId(), entry.label(varying),
                        epochsByTrial.get(entry.trialId()).stream()
                                .sorted(Comparator.comparingInt(EpochStats::epoch)).toList()))
                .toList();
    }

    private static EpochStats epochStats(Row row) {
        return new EpochStats((int) Rows.longOrZero(row, "epoch"), Rows.doubleOrNaN(row, "val_accuracy_mean"),
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
                row -> (int) Rows.longOrZero(row, "label"), row -> Rows.string(row, "class_name"),
                (first, second) -> first));
        int classes = cells.stream()
                .mapToInt(row -> (int) Math.max(Rows.longOrZero(row, "actual"), Rows.longOrZero(row, "predicted")))
                .max().orElse(-1) + 1;
        classes = Math.max(classes, names.keySet().stream().mapToInt(label -> label + 1).max().orElse(0));
        long[][] counts = new long[classes][classes];
        for (Row row : cells) {
            counts[(int) Rows.longOrZero(row, "actual")][(int) Rows.longOrZero(row, "predicted")] +=
                    Rows.longOrZero(row, "count");
        }
        List<String> classNames = new ArrayList<>(classes);
        for (int label = 0; label < classes; label++) {
            classNames.add(names.getOrDefault(label, Integer.toString(label)));
        }
        return Optional.of(new ConfusionMatrix(Rows.string(cells.get(0), "trial_id"), classNames, counts));
    }

    private List<TradeoffPoint> tradeoffs() {
        return map(ReportQueries.TRADEOFF, row -> new TradeoffPoint(Rows.string(row, "trial_id"),
                Rows.doubleOrNaN(row, "accuracy_mean"), Rows.doubleOrNaN(row, "accuracy_std"),
                Rows.doubleOrNaN(row, "train_seconds_mean"), Rows.longOrZero(row, "parameters")));
    }

    private List<ProblemRun> problemRuns() {
        return map(ReportQueries.PROBLEM_RUNS, row -> new ProblemRun(Rows.string(row, "trial_id"),
                Rows.longOrZero(row, "seed"), RunStatus.of(Rows.string(row, "status")), Rows.string(row, "error")));
    }

    private List<ProvenanceCount> provenance() {
        return map(ReportQueries.RUN_PROVENANCE,
                row -> new ProvenanceCount(Rows.string(row, "provenance"), Rows.longOrZero(row, "runs")));
    }

    private List<ExecutorUsage> executors() {
        return map(ReportQueries.EXECUTORS, row -> new ExecutorUsage(Rows.string(row, "executor"),
                Rows.string(row, "gpu"), Rows.longOrZero(row, "runs"), Rows.doubleOrNaN(row, "train_seconds")));
    }

    private <T> List<T> map(String sql, Function<Row, T> mapper) {
        return rows(sql).stream().map(mapper).toList();
    }
}
