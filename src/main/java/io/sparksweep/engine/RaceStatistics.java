package io.sparksweep.engine;

import io.sparksweep.results.PairedComparison;
import org.apache.commons.math3.stat.StatUtils;

import java.util.Arrays;

/**
 * The two tests a race needs over the first k seeds of each candidate: the ranking's paired two-sided t-test
 * ({@link PairedComparison#pairedP}), and Holm's step-down thresholds, which a race applies look by look.
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
        double[] first = Arrays.copyOf(a, k);
        double[] second = Arrays.copyOf(b, k);
        double[] differences = new double[k];
        for (int r = 0; r < k; r++) {
            differences[r] = first[r] - second[r];
        }
        // The ranking's test calls constant non-zero differences certain (p = 0); a race must not eliminate on
        // seeds that show no noise at all, so it keeps such a candidate (p = 1).
        return StatUtils.variance(differences) > 0 ? PairedComparison.pairedP(first, second) : 1.0;
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
