package io.sparksweep.engine;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The two tests a race needs, kept minimal and local so the race does not wait for the statistics used by
 * {@code best} (the two may be unified later): a paired two-sided t-test over the first k seeds, and Holm's
 * step-down thresholds.
 */
final class RaceStatistics {

    private RaceStatistics() {
    }

    /**
     * Two-sided p-value of "a and b have the same mean" from the differences a[r] - b[r], r < k (run r of
     * every candidate shares a seed, so the pairs are matched). Differences that do not vary at all give
     * no estimate of the noise: p = 1 then, which never eliminates anything.
     */
    static double pairedP(double[] a, double[] b, int k) {
        if (k < 2) {
            return 1.0;
        }
        double mean = 0;
        for (int r = 0; r < k; r++) {
            mean += a[r] - b[r];
        }
        mean /= k;
        double ss = 0;
        for (int r = 0; r < k; r++) {
            double d = a[r] - b[r] - mean;
            ss += d * d;
        }
        double sd = Math.sqrt(ss / (k - 1));
        if (!(sd > 0)) {
            return 1.0;
        }
        double t = Math.abs(mean) / (sd / Math.sqrt(k));
        return Math.min(1.0, 2 * new TDistribution(null, k - 1).cumulativeProbability(-t));
    }

    /** Holm's threshold for the p-value of rank {@code rank} (0 = smallest) among {@code family} tests. */
    static double holmThreshold(double alpha, int family, int rank) {
        return alpha / (family - rank);
    }

    static double mean(double[] values, int k) {
        double sum = 0;
        for (int r = 0; r < k; r++) {
            sum += values[r];
        }
        return sum / k;
    }
}
