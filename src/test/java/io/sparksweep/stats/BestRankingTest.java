package io.sparksweep.stats;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sparksweep.stats.PairedComparisonTest.bySeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reference p-values: scipy 1.17.1 ttest_rel / ttest_ind(equal_var=False); Holm-adjusted ones: statsmodels 0.13.5
 * (Debian python3-statsmodels) multipletests(p, method="holm").
 */
class BestRankingTest {

    private static Map<String, Map<Long, Double>> trials(Object... idValues) {
        Map<String, Map<Long, Double>> out = new LinkedHashMap<>();
        for (int i = 0; i < idValues.length; i += 2) {
            Object values = idValues[i + 1];
            out.put((String) idValues[i], values instanceof double[] d ? bySeed(d) : castBySeed(values));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, Double> castBySeed(Object values) {
        return (Map<Long, Double>) values;
    }

    private static List<String> ids(Ranking ranking) {
        return ranking.entries().stream().map(Ranking.Entry::trialId).toList();
    }

    @Test
    void aDifferenceSmallerThanTheNoiseIsATieAndTheLeaderIsNoClearWinner() {
        Ranking ranking = BestRanking.rank(trials(
                "a", new double[]{0.900, 0.910, 0.890, 0.905},
                "b", new double[]{0.895, 0.905, 0.900, 0.910},
                "c", new double[]{0.80, 0.81, 0.79, 0.805}), RankMetric.ACCURACY, 0.05, Correction.HOLM);

        List<Ranking.Entry> entries = ranking.entries();
        assertEquals(List.of("b", "a", "c"), ids(ranking));
        assertEquals(Ranking.Verdict.LEADER, entries.get(0).verdict());
        assertEquals(PairedComparison.Test.PAIRED, entries.get(1).comparison().test(), "same seeds 1..4");
        assertEquals(0.7608203755145106, entries.get(1).pValue(), 1e-12, "scipy ttest_rel(b, a)");
        assertEquals(Ranking.Verdict.TIED, entries.get(1).verdict());
        assertEquals(0.0001114907762105073, entries.get(2).pValue(), 1e-15, "scipy ttest_rel(b, c)");
        assertEquals(Ranking.Verdict.WORSE, entries.get(2).verdict());
        assertEquals(0.5, entries.get(1).improvement().orElseThrow().probability(), "b beats a on seeds 3, 4");
        assertFalse(ranking.clearWinner());
        assertEquals("Leader b is tied with 1 other trial (paired t-test, Holm-corrected p >= 0.05): "
                + "not a clear winner.", ranking.conclusion());
        assertTrue(ranking.runnerUpSentence().orElseThrow().startsWith("The leader b beats the runner-up a in 50% "
                + "of 4 seeds (95% CI "), ranking.runnerUpSentence().orElseThrow());
    }

    /**
     * Raw paired p against the leader: a 0.005473, b 0.030423, c 0.117955 (scipy ttest_rel). Uncorrected, b is
     * worse at 0.05. Holm runs over all 6 pairs (c-b 0.159935, c-a 0.064858, b-a 0.102682 too): b's adjusted p is
     * 0.152117, a's 0.032839 (scipy 1.17.1 ttest_rel p-values, Holm's step-down applied by hand in Python as R's
     * p.adjust(method = "holm") defines it): b is tied, a still worse.
     */
    @Test
    void holmTurnsAnUncorrectedWinIntoATie() {
        Map<String, Map<Long, Double>> trials = trials(
                "lead", new double[]{0.912, 0.905, 0.918, 0.909, 0.915},
                "a", new double[]{0.903, 0.899, 0.905, 0.904, 0.902},
                "b", new double[]{0.908, 0.897, 0.915, 0.906, 0.914},
                "c", new double[]{0.910, 0.900, 0.915, 0.905, 0.917});

        Ranking none = BestRanking.rank(trials, RankMetric.ACCURACY, 0.05, Correction.NONE);
        Ranking holm = BestRanking.rank(trials, RankMetric.ACCURACY, 0.05, Correction.HOLM);

        assertEquals(List.of("lead", "c", "b", "a"), ids(holm));
        Ranking.Entry bNone = none.entries().get(2);
        Ranking.Entry bHolm = holm.entries().get(2);
        assertEquals(0.03042341664882169, bNone.pValue(), 1e-12);
        assertEquals(Ranking.Verdict.WORSE, bNone.verdict());
        assertEquals(0.15211708324410844, bHolm.adjustedP(), 1e-12);
        assertEquals(Ranking.Verdict.TIED, bHolm.verdict());
        assertEquals(0.30804545866124916, holm.entries().get(1).adjustedP(), 1e-12);
        assertEquals(0.03283886243494623, holm.entries().get(3).adjustedP(), 1e-12);
        assertEquals(Ranking.Verdict.WORSE, holm.entries().get(3).verdict());
        assertEquals(2, holm.count(Ranking.Verdict.TIED));
        assertTrue(holm.conclusion().startsWith("Leader lead is tied with 2 other trials"), holm.conclusion());
    }

    @Test
    void differentSeedsFallBackToWelch() {
        Ranking ranking = BestRanking.rank(trials(
                "lead", new double[]{0.912, 0.905, 0.918, 0.909, 0.915},
                "short", new double[]{0.880, 0.890, 0.885}), RankMetric.ACCURACY, 0.05, Correction.HOLM);

        Ranking.Entry other = ranking.entries().get(1);
        assertEquals(PairedComparison.Test.WELCH, other.comparison().test());
        assertEquals(0.001292218207694837, other.pValue(), 1e-12, "scipy ttest_ind(equal_var=False)");
        assertEquals(0.001292218207694837, other.adjustedP(), 1e-12, "one comparison: Holm changes nothing");
        assertTrue(ranking.clearWinner());
        assertEquals("Leader lead is a clear winner: every other trial is worse (Welch's t-test, Holm-corrected "
                + "p < 0.05 over 1 comparison).", ranking.conclusion());
        assertFalse(other.improvement().orElseThrow().paired());
    }

    @Test
    void lowerLossIsBetterAndAClearlyBetterLeaderIsAClearWinner() {
        Ranking ranking = BestRanking.rank(trials(
                "high", new double[]{0.40, 0.41, 0.39},
                "low", new double[]{0.30, 0.32, 0.31}), RankMetric.LOSS, 0.05, Correction.HOLM);

        assertEquals("low", ranking.entries().get(0).trialId());
        assertEquals(Ranking.Verdict.WORSE, ranking.entries().get(1).verdict());
        assertEquals(1.0, ranking.entries().get(1).improvement().orElseThrow().probability(), "lower loss wins");
        assertTrue(ranking.clearWinner());
        assertTrue(ranking.conclusion().contains("is a clear winner"), ranking.conclusion());
    }

    @Test
    void trialsWithFewerThanTwoRunsCannotBeTestedAndTrialsWithoutRunsAreNotRanked() {
        Ranking ranking = BestRanking.rank(trials(
                "many", new double[]{0.90, 0.91, 0.92},
                "single", new double[]{0.85},
                "none", new double[0]), RankMetric.ACCURACY, 0.05, Correction.HOLM);

        assertEquals(Ranking.Verdict.UNTESTED, ranking.entries().get(1).verdict());
        assertTrue(Double.isNaN(ranking.entries().get(1).pValue()));
        assertEquals(List.of("none"), ranking.unranked());
        assertFalse(ranking.clearWinner());
        assertTrue(ranking.conclusion().contains("fewer than 2 ok runs"), ranking.conclusion());
    }

    @Test
    void identicalConstantRunsAreTiedNotAnError() {
        Ranking ranking = BestRanking.rank(trials(
                "a", new double[]{0.9, 0.9}, "b", new double[]{0.9, 0.9}), RankMetric.ACCURACY, 0.05,
                Correction.HOLM);

        assertEquals(Ranking.Verdict.TIED, ranking.entries().get(1).verdict());
    }

    /** Issue 18, finding 3: a leader ahead by exactly .002 on both of 2 seeds is not thereby better. */
    @Test
    void aConstantGapOnTwoSeedsIsATie() {
        Ranking ranking = BestRanking.rank(trials(
                "lead", new double[]{.812, .790}, "next", new double[]{.810, .788}), RankMetric.ACCURACY, 0.05,
                Correction.HOLM);

        Ranking.Entry next = ranking.entries().get(1);
        assertEquals(0.5, next.pValue(), 1e-12, "exact sign-flip test: 2 of 4 sign patterns");
        assertEquals(Ranking.Verdict.TIED, next.verdict());
        assertEquals(0.5, BestRanking.rank(trials("lead", new double[]{.812, .790}, "next",
                new double[]{.810, .788}), RankMetric.ACCURACY, 0.05, Correction.NONE).entries().get(1).pValue(), 1e-12);
    }

    /** The comparisons with the leader are corrected within the family of all pairs: 3 trials give 3 pairs. */
    @Test
    void holmCountsEveryPairOfRankedTrials() {
        Ranking ranking = BestRanking.rank(trials(
                "a", new double[]{0.90, 0.91, 0.92}, "b", new double[]{0.80, 0.81, 0.83},
                "c", new double[]{0.70, 0.72, 0.71}, "solo", new double[]{0.5}), RankMetric.ACCURACY, 0.05,
                Correction.HOLM);
        assertEquals(3, ranking.comparisons(), "a-b, a-c, b-c; solo has one run and is not testable");
        assertTrue(ranking.level().contains("over all 3 pairwise comparisons"), ranking.level());
    }

    @Test
    void alphaOutsideZeroAndOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> BestRanking.rank(trials("a", new double[]{1}),
                RankMetric.ACCURACY, 5, Correction.HOLM));
    }
}
