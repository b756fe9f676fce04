package io.sparksweep.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleStatsTest {

    @Test
    void meanSampleStdAndStudentTConfidenceInterval() {
        SampleStats stats = SampleStats.of(new double[]{0.80, 0.84, 0.86});

        // t(0.975, df=2) = sqrt(0.9025 * 2 / 0.0975) in closed form; std with n - 1 = 2 in the denominator
        assertEquals(3, stats.n());
        assertEquals(0.8333333333333334, stats.mean(), 1e-12);
        assertEquals(0.030550504633038898, stats.std(), 1e-12);
        assertEquals(4.302652729749464 * 0.030550504633038898 / Math.sqrt(3), stats.ci95(), 1e-9);
        assertEquals(0.80, stats.min());
        assertEquals(0.86, stats.max());
    }

    @Test
    void oneValueHasAMeanButNoSpread() {
        SampleStats stats = SampleStats.of(new double[]{0.9});

        assertEquals(0.9, stats.mean());
        assertTrue(Double.isNaN(stats.std()));
        assertTrue(Double.isNaN(stats.ci95()));
    }

    @Test
    void noValuesHaveNothing() {
        SampleStats stats = SampleStats.of(new double[0]);

        assertEquals(0, stats.n());
        assertTrue(Double.isNaN(stats.mean()) && Double.isNaN(stats.min()));
    }

    /**
     * [.80, .81, .79] on a 1,000-item test set: seeds alone give +-0.02484 (scipy t.ppf(.975, 2) * s / sqrt(3));
     * adding the test set's binomial variance .8 * .2 / 1000 with Welch-Satterthwaite df 67.28 gives +-0.02775
     * (scipy 1.17.1 t.ppf(.975, 67.28) * sqrt(s^2 / 3 + .00016)).
     */
    @Test
    void theIntervalForNewDataAddsTheTestSetsSamplingError() {
        SampleStats stats = SampleStats.of(new double[]{0.80, 0.81, 0.79});
        assertEquals(0.02484137711750332, stats.ci95(), 1e-12);
        assertEquals(0.02775124692474999, stats.ci95NewData(1000), 1e-9);
        assertEquals(1.959963984540054 * Math.sqrt(0.8 * 0.2 / 1000),
                SampleStats.of(new double[]{0.8, 0.8}).ci95NewData(1000), 1e-12, "no seed spread: binomial alone");
        assertTrue(Double.isNaN(stats.ci95NewData(0)));
        assertTrue(Double.isNaN(SampleStats.of(new double[]{1.3, 1.2}).ci95NewData(1000)), "a loss is no share");
    }
}
