package io.sparksweep.cli;

import io.sparksweep.store.DecisionTable;
import io.sparksweep.store.Table;
import io.sparksweep.store.PromotionRecord;
import io.sparksweep.store.RaceRecord;
import io.sparksweep.stats.Ranking;
import io.sparksweep.stats.Selection;
import io.sparksweep.store.StoredSweep;
import io.sparksweep.store.SweepInfo;
import io.sparksweep.store.SweepStore;
import io.sparksweep.store.TrialRecord;
import io.sparksweep.report.LeaderboardEntry;
import io.sparksweep.report.ReportData;
import io.sparksweep.report.ReportDataLoader;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.TestRuns;
import io.sparksweep.testing.Slow;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code best}, the report, {@code rerun --best} (the stored sweep's leader) and the budget view rank a sweep the
 * same way, because they all call one ranking: same leader, same verdicts. Two sweeps where the usual mistakes
 * would show: a halving sweep whose first rung holds the highest scores, and a {@code metric: loss} sweep whose
 * validation and test losses disagree on the leader.
 */
@Slow
class OneRankingTest {

    @TempDir
    static Path root;

    @BeforeAll
    static void writeSweeps() {
        SparkSession spark = LocalSpark.session();
        writeHalving(spark);
        writeLoss(spark);
        writeRace(spark);
    }

    /**
     * A decided race: r2 was eliminated at the look of 2 seeds, but a spare third seed of it, started while that look
     * waited for its slowest run, scored 1.0 on validation: counted, it would lead (mean 0.803 against r1's 0.80).
     * The race decided on r2's first 2 seeds, so every ranking leaves the spare run out and r1, the race's winner,
     * leads.
     */
    private static void writeRace(SparkSession spark) {
        try (SweepStore store = new SweepStore(spark, root, "raced")) {
            List<TrialRecord> trials = new ArrayList<>();
            runs(store, trials, "raced", "r1", new double[]{0.78, 0.79, 0.80}, new double[]{0.80, 0.81, 0.79});
            runs(store, trials, "raced", "r2", new double[]{0.70, 0.71, 0.72}, new double[]{0.70, 0.71, 1.00});
            store.consolidate(info("raced", "name: raced\nsearch: {strategy: race}\n"), trials, List.of(
                    new DecisionTable(Table.RACE, Stream.of(
                            new RaceRecord(2, 4, "r2", RaceRecord.Action.ELIMINATED, "r1", 0.705, 0.805, 1e-4, 1e-3),
                            new RaceRecord(3, 5, "r1", RaceRecord.Action.WINNER, null, 0.80, Double.NaN, Double.NaN, Double.NaN))
                            .map(r -> r.row("raced")).toList())));
        }
    }

    /**
     * Rung 1: c3 has the best test accuracy of all (0.95) but a poor validation accuracy, so halving stopped it;
     * c1 and c2 went on. Rung 2: c1 leads on validation (0.86 vs 0.80) while c2 scores better on test.
     */
    private static void writeHalving(SparkSession spark) {
        try (SweepStore store = new SweepStore(spark, root, "halv")) {
            List<TrialRecord> trials = new ArrayList<>();
            runs(store, trials, "halv", "c1-r1", new double[]{0.70, 0.71, 0.72}, new double[]{0.75, 0.76, 0.77});
            runs(store, trials, "halv", "c2-r1", new double[]{0.72, 0.73, 0.71}, new double[]{0.70, 0.71, 0.72});
            runs(store, trials, "halv", "c3-r1", new double[]{0.95, 0.96, 0.94}, new double[]{0.50, 0.51, 0.52});
            runs(store, trials, "halv", "c1-r2", new double[]{0.83, 0.84, 0.85}, new double[]{0.86, 0.865, 0.87});
            runs(store, trials, "halv", "c2-r2", new double[]{0.87, 0.88, 0.86}, new double[]{0.80, 0.805, 0.81});
            trials.add(TestRuns.trial("c3-r2", TestRuns.defaultSettings())); // a rung c3 never reached: no run
            store.consolidate(info("halv", "name: halv\nsearch: {strategy: halving}\n"), trials, List.of(
                    new DecisionTable(Table.PROMOTIONS, Stream.of(
                            new PromotionRecord(1, 1, "c1", "c1-r1", 0.76, 1, PromotionRecord.Action.PROMOTED),
                            new PromotionRecord(1, 1, "c2", "c2-r1", 0.71, 2, PromotionRecord.Action.PROMOTED),
                            new PromotionRecord(1, 1, "c3", "c3-r1", 0.51, 3, PromotionRecord.Action.STOPPED),
                            new PromotionRecord(2, 2, "c1", "c1-r2", 0.865, 1, PromotionRecord.Action.WINNER),
                            new PromotionRecord(2, 2, "c2", "c2-r2", 0.805, 2, PromotionRecord.Action.LAST_RUNG))
                            .map(r -> r.row("halv")).toList())));
        }
    }

    /**
     * metric: loss. l2 has the lowest validation loss, l1 the lowest test loss; l3 is far worse on both. Losses
     * go into the accuracy columns' twins: accuracy = 1 - loss.
     */
    private static void writeLoss(SparkSession spark) {
        try (SweepStore store = new SweepStore(spark, root, "lossy")) {
            List<TrialRecord> trials = new ArrayList<>();
            lossRuns(store, trials, "l1", new double[]{0.30, 0.31, 0.29}, new double[]{0.40, 0.41, 0.42});
            lossRuns(store, trials, "l2", new double[]{0.36, 0.35, 0.37}, new double[]{0.33, 0.34, 0.32});
            lossRuns(store, trials, "l3", new double[]{0.90, 0.92, 0.91}, new double[]{0.95, 0.93, 0.94});
            store.consolidate(info("lossy", "name: lossy\ntraining: {metric: loss}\n"), trials);
        }
    }

    private static void runs(SweepStore store, List<TrialRecord> trials, String sweep, String trialId,
                             double[] test, double[] validation) {
        Map<String, Object> settings = new LinkedHashMap<>(TestRuns.defaultSettings());
        trials.add(TestRuns.trial(trialId, settings));
        for (int i = 0; i < test.length; i++) {
            store.journal(TestRuns.run(trialId, i + 1).sweep(sweep).repeat(i).settings(settings).accuracy(test[i])
                    .loss(1 - test[i]).validation(validation[i], 1 - validation[i]).build());
        }
    }

    private static void lossRuns(SweepStore store, List<TrialRecord> trials, String trialId, double[] testLoss,
                                 double[] valLoss) {
        Map<String, Object> settings = new LinkedHashMap<>(TestRuns.defaultSettings());
        trials.add(TestRuns.trial(trialId, settings));
        for (int i = 0; i < testLoss.length; i++) {
            store.journal(TestRuns.run(trialId, i + 1).sweep("lossy").repeat(i).settings(settings)
                    .accuracy(1 - testLoss[i]).loss(testLoss[i]).validation(1 - valLoss[i], valLoss[i]).build());
        }
    }

    private static SweepInfo info(String sweep, String specText) {
        return new SweepInfo(sweep, specText, "hash-" + sweep, 42L, 3, TestRuns.BASE_TIME,
                TestRuns.BASE_TIME + 60_000, "local[2]", "{}", SweepInfo.Origin.SPEC);
    }

    /** trial_id -> verdict from {@code best --format csv}, in rank order. */
    private static Map<String, String> bestVerdicts(String sweep, String... options) {
        List<String> args = new ArrayList<>(List.of("best", sweep, "--results", root.toString(), "--format", "csv"));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.outLines().stream().filter(l -> !l.isBlank()).toList();
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            verdicts.put(cells[header.indexOf("trial_id")], cells[header.indexOf("verdict")]);
        }
        return verdicts;
    }

    private static Map<String, String> verdicts(Ranking ranking) {
        Map<String, String> out = new LinkedHashMap<>();
        ranking.entries().forEach(e -> out.put(e.trialId(), Ranking.verdictText(e.verdict())));
        return out;
    }

    private static void sameEverywhere(String sweep, String leader, String column, int configurations) {
        SparkSession spark = LocalSpark.session();
        Map<String, String> best = bestVerdicts(sweep);
        assertEquals(leader, best.keySet().iterator().next(), "best: " + best);

        ReportData report = ReportDataLoader.load(spark, root.resolve(sweep), 3);
        assertEquals(best, verdicts(report.ranking()), "the report's ranking");
        assertEquals(leader, report.leaderboard().get(0).trialId(), "the report's leaderboard starts with the leader");
        assertEquals(Selection.VALIDATION, report.ranking().selection());

        StoredSweep stored = StoredSweep.open(spark, root, sweep);
        assertEquals(leader, stored.leader(stored.specChoice()), "rerun --best");

        CliRun budget = CliRun.of("sql", "SELECT max(configurations) AS n, min(chosen_on) AS chosen_on FROM budget "
                + "WHERE sweep = '" + sweep + "'", "--results", root.toString(), "--format", "csv");
        assertEquals(0, budget.exit(), budget.err());
        assertEquals(configurations + "," + column, budget.outLines().get(1), budget.out());
    }

    @Test
    void aHalvingSweepRanksItsLastRungOnValidationEverywhere() {
        sameEverywhere("halv", "c1-r2", "val_accuracy", 2);
        ReportData report = ReportDataLoader.load(LocalSpark.session(), root.resolve("halv"), 3);
        assertEquals(3, report.configurations(), "three candidates, counted once over their rungs");
        assertEquals(List.of("c1-r2", "c2-r2", "c3-r1", "c2-r1", "c1-r1"),
                report.leaderboard().stream().map(LeaderboardEntry::trialId).toList(),
                "the last rung in the ranking's order, then the first by test accuracy; the rung c3 never reached is not a row");
        Map<String, String> onTest = bestVerdicts("halv", "--select-on", "test");
        assertEquals(List.of("c2-r2", "c1-r2"), List.copyOf(onTest.keySet()),
                "chosen on test, the other last-rung trial leads; the first rung is still left out");
    }

    @Test
    void aRaceSweepRanksTheRunsItsDecisionsUsedEverywhereAndLeadsWithItsWinner() {
        sameEverywhere("raced", "r1", "val_accuracy", 2);
        CliRun table = CliRun.of("best", "raced", "--results", root.toString());
        assertTrue(table.out().contains("1 spare run(s) trained while a look waited are left out"), table.out());
    }

    @Test
    void aLossSweepRanksByValidationLossEverywhere() {
        sameEverywhere("lossy", "l2", "val_loss", 3);
        assertEquals("l1", bestVerdicts("lossy", "--select-on", "test").keySet().iterator().next(),
                "lowest test loss");
        CliRun table = CliRun.of("best", "lossy", "--results", root.toString());
        assertTrue(table.out().contains("ranked by mean val_loss") && table.out().contains("lower is better")
                && table.out().contains("test_loss mean ± std"), table.out());
    }
}
