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
}
