package io.sparksweep.stats;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reference p-values computed once with scipy 1.17.1 (numpy 2.4.6, Debian python3-scipy):
 * {@code scipy.stats.ttest_rel(a, b).pvalue} and {@code scipy.stats.ttest_ind(a, b, equal_var=False).pvalue}.
 */
class PairedComparisonTest {

    static final double[] T3 = {0.895, 0.905, 0.900, 0.910};
    static final double[] T2 = {0.900, 0.910, 0.890, 0.905};
    static final double[] T1 = {0.80, 0.81, 0.79, 0.805};

    /** Values by seed 1, 2, 3, ... */
    static Map<Long, Double> bySeed(double... values) {
        Map<Long, Double> out = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            out.put(i + 1L, values[i]);
        }
        return out;
    }

    @Test
    void pairedPMatchesScipyTtestRel() {
        assertEquals(0.7608203755145106, PairedComparison.pairedP(T3, T2), 1e-12);
        assertEquals(0.0001114907762105073, PairedComparison.pairedP(T3, T1), 1e-15);
    }

    @Test
    void welchPMatchesScipyTtestIndWithUnequalVariances() {
        assertEquals(0.823657802106989, PairedComparison.welchP(T3, T2), 1e-12);
        assertEquals(2.8043718345317274e-06, PairedComparison.welchP(T3, T1), 1e-15);
    }

    @Test
    void pairingRemovesTheSeedNoiseThatWelchCounts() {
        // t1 is 0.1 worse on every seed, with the same ups and downs: paired sees a sure gap, Welch sees noise
        double[] shifted = {0.795, 0.805, 0.800, 0.810};
        assertEquals(0.125, PairedComparison.pairedP(T3, shifted), 1e-12,
                "every difference is 0.1: the exact sign-flip test's 2 / 2^4, not t's 0");
        double[] noisy = {0.890, 0.911, 0.894, 0.913};
        assertTrue(PairedComparison.pairedP(T3, noisy) > 0.05);
        assertEquals(1.0, PairedComparison.pairedP(T3, T3.clone()));
    }

    /**
     * Issue 18's input: scipy 1.17.1 ttest_rel([.812, .790], [.810, .788]) gives t = inf, p = 0.0; the exact
     * sign-flip test (scipy permutation_test(..., permutation_type="samples", n_resamples=inf)) gives 0.5.
     */
    @Test
    void identicalDifferencesGiveTheExactSignFlipPNotZero() {
        assertEquals(0.5, PairedComparison.pairedP(new double[]{.812, .790}, new double[]{.810, .788}), 1e-12);
        assertEquals(0.25, PairedComparison.pairedP(new double[]{.812, .790, .801}, new double[]{.810, .788, .799}),
                1e-12, "permutation_test on [.002, .002, .002]: 0.25");
        assertEquals(0.25, PairedComparison.signFlipP(new double[]{0.01, 0.02, -0.005, 0.015}, 1e-12), 1e-12,
                "scipy permutation_test, samples, exact: 0.25");
        assertEquals(0.05719095841793663, PairedComparison.pairedP(new double[]{.812, .790, .801},
                new double[]{.810, .788, .797}), 1e-12, "differences that vary keep the t-test: scipy ttest_rel");
    }

    /** Constant groups: the exact permutation p, 2 / C(4, 2) with two runs each, not 0. */
    @Test
    void constantGroupsGiveTheExactPermutationP() {
        assertEquals(1.0 / 3, PairedComparison.welchP(new double[]{.81, .81}, new double[]{.80, .80}), 1e-12);
        assertEquals(1.0 / 10, PairedComparison.welchP(new double[]{.81, .81, .81}, new double[]{.80, .80}), 1e-12);
        assertEquals(1.0, PairedComparison.welchP(new double[]{.81, .81}, new double[]{.81, .81}));
    }

    @Test
    void theSameSeedsArePairedAndDifferentSeedsFallBackToWelchWithANote() {
        PairedComparison paired = PairedComparison.bySeed(bySeed(T3), bySeed(T2));
        assertEquals(PairedComparison.Test.PAIRED, paired.test());
        assertEquals(4, paired.n());
        assertEquals(0.7608203755145106, paired.pValue(), 1e-12);
        assertEquals("", paired.note());

        // the other trial lost seeds 4 and 5:
        // scipy ttest_ind([.912, .905, .918, .909, .915], [.880, .890, .885], equal_var=False)
        PairedComparison welch = PairedComparison.bySeed(bySeed(0.912, 0.905, 0.918, 0.909, 0.915),
                bySeed(0.880, 0.890, 0.885));
        assertEquals(PairedComparison.Test.WELCH, welch.test());
        assertEquals(0.001292218207694837, welch.pValue(), 1e-12);
        assertTrue(welch.note().contains("seeds differ"), welch.note());

        PairedComparison none = PairedComparison.bySeed(bySeed(T3), bySeed(0.9));
        assertEquals(PairedComparison.Test.NONE, none.test());
        assertTrue(Double.isNaN(none.pValue()));
    }

    @Test
    void samplesThatCannotBeTestedAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.pairedP(T3, new double[]{0.1, 0.2, 0.3}));
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.welchP(T3, new double[]{0.9}));
    }
}
