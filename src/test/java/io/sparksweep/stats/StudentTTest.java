package io.sparksweep.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StudentTTest {

    @Test
    void closedFormMatchesTheIncompleteBetaForEveryWholeDegreeOfFreedom() {
        double[] ts = {-40, -12.7, -6, -3.2, -2.1, -1, -0.3, -1e-6, 0, 0.05, 0.7, 1.96, 2.5, 4.4, 9, 31.8};
        for (int df = 1; df <= 130; df++) {
            TDistribution reference = new TDistribution(null, df);
            for (double t : ts) {
                double expected = reference.cumulativeProbability(t);
                double tail = Math.min(expected, 1 - expected);
                assertEquals(expected, StudentT.cdf(t, df), Math.max(1e-13, tail * 1e-7), "t=" + t + ", df=" + df);
            }
        }
    }

    @Test
    void knownQuantilesAndEdges() {
        assertEquals(0.975, StudentT.cdf(12.706204736174698, 1), 1e-12);
        assertEquals(0.025, StudentT.cdf(-2.7764451051977934, 4), 1e-12);
        assertEquals(0.5, StudentT.cdf(0, 9), 0);
        assertEquals(1.0, StudentT.cdf(Double.POSITIVE_INFINITY, 3), 0);
        assertEquals(0.0, StudentT.cdf(Double.NEGATIVE_INFINITY, 3), 0);
        assertEquals(Double.NaN, StudentT.cdf(Double.NaN, 3));
        assertThrows(IllegalArgumentException.class, () -> StudentT.cdf(1, 0));
    }
}
