package io.sparksweep.stats;

import org.junit.jupiter.api.Test;

import static io.sparksweep.stats.PairedComparisonTest.bySeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProbabilityOfImprovementTest {

    /** a beats b on the first `wins` of n seeds, loses on the others. */
    private static ProbabilityOfImprovement winsOf(int wins, int n) {
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 0.9;
            b[i] = i < wins ? 0.8 : 0.95;
        }
        return ProbabilityOfImprovement.paired(a, b, ProbabilityOfImprovement.RESAMPLES,
                ProbabilityOfImprovement.BOOTSTRAP_SEED);
    }

    /**
     * Resampling n seeds of which a share p are wins makes the bootstrap mean Binomial(n, p) / n, so the
     * percentile interval must be its quantiles. Reference: scipy 1.17.1 {@code binom.ppf([0.025, 0.975], n, p)}
     * / n: [3, 9] / 10 and [4, 12] / 16. These cases have the binomial CDF at least 0.012 away from 0.025 and
     * 0.975, over 3 standard errors of a 2000-resample estimate.
     */
    @Test
    void pairedIntervalIsTheBinomialQuantilesOfTheSeedsWon() {
        ProbabilityOfImprovement six = winsOf(6, 10);
        assertEquals(0.6, six.probability(), 1e-12);
        assertEquals(0.3, six.low(), 1e-12);
        assertEquals(0.9, six.high(), 1e-12);
        assertTrue(six.paired());
        assertEquals(10, six.n());

        ProbabilityOfImprovement half = winsOf(8, 16);
        assertEquals(0.25, half.low(), 1e-12);
        assertEquals(0.75, half.high(), 1e-12);
    }

    /** Unpaired runs, where the interval depends on the resampling stream (unlike the binomial cases above). */
    @Test
    void theSameRunsAlwaysGiveTheSameInterval() {
        double[] a = {0.91, 0.92, 0.90, 0.93};
        double[] b = {0.90, 0.92, 0.89, 0.94, 0.905};
        ProbabilityOfImprovement first = ProbabilityOfImprovement.bySeed(bySeed(a), bySeed(b), true);
        assertEquals(first, ProbabilityOfImprovement.bySeed(bySeed(a), bySeed(b), true));
        assertNotEquals(first, ProbabilityOfImprovement.unpaired(a, b, ProbabilityOfImprovement.RESAMPLES,
                ProbabilityOfImprovement.BOOTSTRAP_SEED + 1), "another bootstrap stream moves the interval");
        assertEquals("60% of 10 seeds (95% CI 30-90%)", winsOf(6, 10).describe());
    }

    @Test
    void winningEverySeedIsCertainAndTiesCountHalf() {
        ProbabilityOfImprovement all = winsOf(5, 5);
        assertEquals(1.0, all.probability());
        assertEquals(1.0, all.low());
        ProbabilityOfImprovement tie = ProbabilityOfImprovement.bySeed(bySeed(0.9, 0.8), bySeed(0.9, 0.7), true);
        assertEquals(0.75, tie.probability(), 1e-12);
    }

    /** Reference: scipy 1.17.1 mannwhitneyu(a, b).statistic / (len(a) * len(b)) = 0.6, the share of pairs won. */
    @Test
    void differentSeedsCompareEveryPairOfRunsLikeMannWhitney() {
        ProbabilityOfImprovement p = ProbabilityOfImprovement.bySeed(bySeed(0.91, 0.92, 0.90, 0.93),
                bySeed(0.90, 0.92, 0.89, 0.94, 0.905), true);
        assertFalse(p.paired());
        assertEquals(0.6, p.probability(), 1e-12);
        assertTrue(p.low() <= 0.6 && 0.6 <= p.high(), p.toString());
        assertTrue(p.describe().contains("of run pairs"), p.describe());
    }

    @Test
    void forALossTheLowerValueWins() {
        ProbabilityOfImprovement p = ProbabilityOfImprovement.bySeed(bySeed(0.30, 0.31, 0.29),
                bySeed(0.40, 0.41, 0.28), false);
        assertEquals(2.0 / 3, p.probability(), 1e-12);
    }
}
