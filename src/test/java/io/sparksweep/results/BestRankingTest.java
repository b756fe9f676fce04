package io.sparksweep.results;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BestRankingTest {

    private static Map<String, double[]> trials(Object... idValues) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int i = 0; i < idValues.length; i += 2) {
            out.put((String) idValues[i], (double[]) idValues[i + 1]);
        }
        return out;
    }

    @Test
    void aDifferenceSmallerThanTheNoiseIsATieAndTheLeaderIsNoClearWinner() {
        Ranking ranking = BestRanking.rank(trials(
                "a", new double[]{0.900, 0.910, 0.890, 0.905},
                "b", new double[]{0.895, 0.905, 0.900, 0.910},
                "c", new double[]{0.80, 0.81, 0.79, 0.805}), RankMetric.ACCURACY, 0.05);

        List<Ranking.Entry> entries = ranking.entries();
        assertEquals(List.of("b", "a", "c"), entries.stream().map(Ranking.Entry::trialId).toList());
        assertEquals(Ranking.Verdict.LEADER, entries.get(0).verdict());
        assertEquals(Ranking.Verdict.TIED, entries.get(1).verdict());
        assertEquals(0.823657802106989, entries.get(1).pValue(), 1e-9, "scipy ttest_ind(equal_var=False)");
        assertEquals(Ranking.Verdict.WORSE, entries.get(2).verdict());
        assertEquals(2.8043718345317274e-06, entries.get(2).pValue(), 1e-9);
        assertFalse(ranking.clearWinner());
        assertTrue(ranking.conclusion().contains("not a clear winner"), ranking.conclusion());
    }

    @Test
    void lowerLossIsBetterAndAClearlyBetterLeaderIsAClearWinner() {
        Ranking ranking = BestRanking.rank(trials(
                "high", new double[]{0.40, 0.41, 0.39},
                "low", new double[]{0.30, 0.32, 0.31}), RankMetric.LOSS, 0.05);

        assertEquals("low", ranking.entries().get(0).trialId());
        assertEquals(Ranking.Verdict.WORSE, ranking.entries().get(1).verdict());
        assertEquals(0.0003850677113665383, ranking.entries().get(1).pValue(), 1e-9);
        assertTrue(ranking.clearWinner());
        assertTrue(ranking.conclusion().contains("is a clear winner"), ranking.conclusion());
    }

    @Test
    void trialsWithFewerThanTwoRunsCannotBeTestedAndTrialsWithoutRunsAreNotRanked() {
        Ranking ranking = BestRanking.rank(trials(
                "many", new double[]{0.90, 0.91, 0.92},
                "single", new double[]{0.85},
                "none", new double[0]), RankMetric.ACCURACY, 0.05);

        assertEquals(Ranking.Verdict.UNTESTED, ranking.entries().get(1).verdict());
        assertTrue(Double.isNaN(ranking.entries().get(1).pValue()));
        assertEquals(List.of("none"), ranking.unranked());
        assertFalse(ranking.clearWinner());
        assertTrue(ranking.conclusion().contains("fewer than 2 ok runs"), ranking.conclusion());
    }

    @Test
    void identicalConstantRunsAreTiedNotAnError() {
        Ranking ranking = BestRanking.rank(trials(
                "a", new double[]{0.9, 0.9}, "b", new double[]{0.9, 0.9}), RankMetric.ACCURACY, 0.05);

        assertEquals(Ranking.Verdict.TIED, ranking.entries().get(1).verdict());
    }

    @Test
    void alphaOutsideZeroAndOneIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> BestRanking.rank(trials("a", new double[]{1}), RankMetric.ACCURACY, 5));
    }
}
