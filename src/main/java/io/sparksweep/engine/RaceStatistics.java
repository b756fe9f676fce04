package io.sparksweep.engine;

import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The tests a race needs over the first k seeds of the m candidates still in it, seeds as blocks (seed r of
 * every candidate is the same seed): a two-way analysis of variance (candidates x seeds, no interaction),
 * whose residual variance is pooled over all m candidates with (m-1)(k-1) degrees of freedom instead of the
 * k-1 of a single paired t-test, and Holm's step-down thresholds.
 */
final class RaceStatistics {

    private RaceStatistics() {
    }

    /**
     * The blocked analysis of the first k seeds of the given candidates.
     *
     * @param means      each given candidate's mean over its first k seeds, in the order given
     * @param msResidual pooled residual variance (candidate x seed interaction), 0 when the scores show no noise
     * @param dfResidual (m-1)(k-1)
     * @param omnibusP   p-value of the F test "all given candidates have the same mean"; 1 without noise
     */
    record Blocked(double[] means, int seeds, double msResidual, int dfResidual, double omnibusP) {

        /**
         * Two-sided p-value of "candidate a and candidate b have the same mean" by a t-test on the difference
         * of their means with the pooled residual variance: standard error sqrt(2 ms / k), df of the residual.
         * No noise at all gives p = 1: a race never eliminates on seeds that show no noise.
         */
        double pairP(int a, int b) {
            if (!(msResidual > 0) || dfResidual < 1) {
                return 1.0;
            }
            double t = Math.abs(means[a] - means[b]) / Math.sqrt(2 * msResidual / seeds);
            return 2 * new TDistribution(null, dfResidual).cumulativeProbability(-t);
        }
    }

    /** Two-way analysis of variance without interaction over scores[c][r], c in {@code rows}, r < k. */
    static Blocked blocked(double[][] scores, int[] rows, int k) {
        int m = rows.length;
        double[] means = new double[m];
        double[] seedMeans = new double[k];
        double grand = 0;
        for (int i = 0; i < m; i++) {
            means[i] = mean(scores[rows[i]], k);
            grand += means[i] / m;
            for (int r = 0; r < k; r++) {
                seedMeans[r] += scores[rows[i]][r] / m;
            }
        }
        int dfCandidates = m - 1;
        int dfResidual = (m - 1) * (k - 1);
        if (dfCandidates < 1 || dfResidual < 1) {
            return new Blocked(means, k, 0, dfResidual, 1.0);
        }
        double ssCandidates = 0;
        double ssResidual = 0;
        for (int i = 0; i < m; i++) {
            ssCandidates += k * (means[i] - grand) * (means[i] - grand);
            for (int r = 0; r < k; r++) {
                double e = scores[rows[i]][r] - means[i] - seedMeans[r] + grand;
                ssResidual += e * e;
            }
        }
        // Scores without any candidate x seed interaction leave only rounding in the residual: no noise to
        // test against, so nothing is significant (a race never eliminates on seeds that show no noise).
        if (ssResidual <= 1e-20 * (ssCandidates + ssResidual)) {
            return new Blocked(means, k, 0, dfResidual, 1.0);
        }
        double ms = ssResidual / dfResidual;
        double f = (ssCandidates / dfCandidates) / ms;
        double p = 1 - new FDistribution(null, dfCandidates, dfResidual).cumulativeProbability(f);
        return new Blocked(means, k, ms, dfResidual, p);
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
