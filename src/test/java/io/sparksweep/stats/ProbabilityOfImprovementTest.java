package io.sparksweep.stats;

import org.junit.jupiter.api.Test;

import static io.sparksweep.stats.PairedComparisonTest.bySeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reference intervals: scipy 1.17.1 {@code binomtest(k, n).proportion_ci(confidence_level=0.95, method="exact")}
 * (Clopper-Pearson, the same as statsmodels' {@code proportion_confint(k, n, method="beta")}).
 */
class ProbabilityOfImprovementTest {

    /** a beats b on the first `wins` of n seeds, loses on the others. */
    private static ProbabilityOfImprovement winsOf(int wins, int n) {
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 0.9;
            b[i] = i < wins ? 0.8 : 0.95;
        }
        return ProbabilityOfImprovement.paired(a, b);
    }

    @Test
    void threeSeedsOfThreeIsNotCertainty() {
        ProbabilityOfImprovement all = winsOf(3, 3);
        assertEquals(1.0, all.probability());
        assertEquals(0.2924017738212867, all.low(), 1e-9, "scipy binomtest(3, 3) exact CI");
        assertEquals(1.0, all.high());
        assertEquals("100% of 3 seeds (95% CI 29-100%, exact binomial)", all.describe());
    }

    @Test
    void pairedIntervalIsClopperPearsonOnTheSeedsWon() {
        ProbabilityOfImprovement two = winsOf(2, 3);
        assertEquals(0.09429932405071303, two.low(), 1e-9);
        assertEquals(0.9915962413403874, two.high(), 1e-9);
        ProbabilityOfImprovement six = winsOf(6, 10);
        assertEquals(0.6, six.probability(), 1e-12);
        assertEquals(0.2623780766069451, six.low(), 1e-9);
        assertEquals(0.8784477418801728, six.high(), 1e-9);
        assertTrue(six.paired());
        assertEquals(10, six.n());
        ProbabilityOfImprovement none = winsOf(0, 3);
        assertEquals(0.0, none.low());
        assertEquals(0.7075982261787133, none.high(), 1e-9);
    }

    /** A tie is half a win in the estimate, a loss for the low end and a win for the high end. */
    @Test
    void tiesCountHalfAndWidenTheIntervalBothWays() {
        ProbabilityOfImprovement tie = ProbabilityOfImprovement.bySeed(bySeed(0.9, 0.8), bySeed(0.9, 0.7), true);
        assertEquals(0.75, tie.probability(), 1e-12);
        assertEquals(0.01257911709367899, tie.low(), 1e-9, "1 win of 2: binomtest(1, 2)");
        assertEquals(1.0, tie.high(), "1 win + 1 tie of 2: binomtest(2, 2)");
    }

    /** Reference: scipy 1.17.1 mannwhitneyu(a, b).statistic / (len(a) * len(b)) = 0.6, the share of pairs won. */
    @Test
    void differentSeedsCompareEveryPairOfRunsLikeMannWhitney() {
        ProbabilityOfImprovement p = ProbabilityOfImprovement.bySeed(bySeed(0.91, 0.92, 0.90, 0.93),
                bySeed(0.90, 0.92, 0.89, 0.94, 0.905), true);
        assertFalse(p.paired());
        assertEquals(0.6, p.probability(), 1e-12);
        assertTrue(p.low() <= 0.6 && 0.6 <= p.high(), p.toString());
        assertTrue(p.describe().contains("of run pairs") && p.describe().contains("approximate"), p.describe());
    }

    @Test
    void forALossTheLowerValueWins() {
        ProbabilityOfImprovement p = ProbabilityOfImprovement.bySeed(bySeed(0.30, 0.31, 0.29),
                bySeed(0.40, 0.41, 0.28), false);
        assertEquals(2.0 / 3, p.probability(), 1e-12);
    }
}
