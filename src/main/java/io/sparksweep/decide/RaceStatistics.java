package io.sparksweep.decide;

import io.sparksweep.stats.StudentT;

/**
 * The one test a race makes: is candidate {@code better} better than candidate {@code worse} on the first k
 * seeds, paired by seed (seed r of every candidate is the same seed)? A one-sided paired t-test on the k
 * differences, which carries its own variance whatever the two candidates' noise levels and whatever the
 * other candidates do, so its level holds for every pair separately; the race's multiplicity correction
 * ({@link RacePolicy}) then only has to count pairs and looks.
 *
 * <p>Degenerate inputs never give p = 0 by accident. With a known score resolution (accuracy on n items
 * moves in steps of 1/n) the standard deviation of the differences is taken as at least one step, so
 * identical differences, which discrete scores produce often, count as one step of noise, not none. Without
 * one (continuous scores such as a loss) identical non-zero differences get the exact sign test's p = 2^-k,
 * and no difference at all gets p = 1.
 */
final class RaceStatistics {

    /** Below this fraction of the largest difference a standard deviation is rounding, not noise. */
    private static final double ROUNDING = 1e-9;

    private RaceStatistics() {
    }

    /**
     * One-sided p-value of "{@code better} is not better than {@code worse}" over the first k seeds.
     *
     * @param resolution smallest step of the scores (1/n for accuracy on n items); 0 when continuous
     */
    static double pairedP(double[] better, double[] worse, int k, double resolution) {
        if (k < 2) {
            return 1.0;
        }
        double sum = 0;
        double largest = 0;
        for (int r = 0; r < k; r++) {
            double d = better[r] - worse[r];
            sum += d;
            largest = Math.max(largest, Math.abs(d));
        }
        double mean = sum / k;
        double squares = 0;
        for (int r = 0; r < k; r++) {
            double e = better[r] - worse[r] - mean;
            squares += e * e;
        }
        double sd = Math.sqrt(squares / (k - 1));
        if (sd <= ROUNDING * largest) {
            sd = 0;
        }
        if (resolution > 0) {
            sd = Math.max(sd, resolution);
            // Differences within rounding of whole steps: a mean below half a step is no difference at all.
            if (Math.abs(mean) < resolution / 2 / k) {
                return 1.0;
            }
        }
        if (largest == 0 || mean <= 0 && sd == 0) {
            return 1.0;
        }
        if (sd == 0) {
            return Math.pow(0.5, k);
        }
        double t = mean / (sd / Math.sqrt(k));
        return StudentT.cdf(-t, k - 1);
    }

    /**
     * Simes' combination of a candidate's pairwise p-values into one p-value of "it is among the best": the least
     * {@code family} x p_(r) / r over the sorted p-values, where {@code family} counts every test that could be
     * made (tests not made count as p = 1, which can only raise the result). Valid when the tests are positively
     * dependent (Simes 1986; Sarkar 2008), as one candidate's tests against the others are: they share its scores.
     */
    static double simes(double[] pValues, int family) {
        double[] sorted = pValues.clone();
        java.util.Arrays.sort(sorted);
        int size = Math.max(family, sorted.length);
        double combined = 1.0;
        for (int r = 0; r < sorted.length; r++) {
            combined = Math.min(combined, size * sorted[r] / (r + 1));
        }
        return combined;
    }

    /**
     * The threshold of the {@code step}-th (0-based) smallest candidate evidence in a look's step-down: the closed
     * test of "every candidate of S is among the best" rejects when some member's evidence is at most
     * {@code level / |S|}; the worst S still containing the candidate has {@code alive - step} members (Holm).
     */
    static double stepThreshold(double level, int alive, int step) {
        return level / (alive - step);
    }

    static double mean(double[] values, int k) {
        double sum = 0;
        for (int r = 0; r < k; r++) {
            sum += values[r];
        }
        return sum / k;
    }
}
