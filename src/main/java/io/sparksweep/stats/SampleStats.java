package io.sparksweep.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Mean, sample standard deviation (n - 1) and the half-width of the 95% confidence interval of the mean
 * from Student's t with n - 1 degrees of freedom. Undefined values are NaN: everything when n = 0,
 * std and ci95 when n = 1 (one seed says nothing about seed-to-seed noise).
 *
 * <p>{@code ci95} covers the mean over seeds <em>on this test set</em>: every seed was scored on the same test
 * items, so the luck of which items were drawn is common to all runs and not in the spread.
 * {@link #ci95NewData(long)} adds it, for an accuracy's interval on new data from the same source.
 */
public record SampleStats(int n, double mean, double std, double ci95, double min, double max) {

    /**
     * Student's t 97.5 % quantile for 1 to {@value #TABULATED_DF} degrees of freedom, computed once: inverting the
     * distribution costs more than the rest of a ranking, and simulations rank thousands of sweeps.
     */
    private static final int TABULATED_DF = 128;
    private static final double[] T975 = java.util.stream.IntStream.rangeClosed(0, TABULATED_DF)
            .mapToDouble(df -> df == 0 ? Double.NaN : new TDistribution(null, df).inverseCumulativeProbability(0.975))
            .toArray();

    /** Student's t 97.5 % quantile for {@code df} degrees of freedom. */
    static double t975(int df) {
        return df <= TABULATED_DF ? T975[df] : new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }

    public static SampleStats of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new SampleStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = StatUtils.mean(values);
        double min = StatUtils.min(values);
        double max = StatUtils.max(values);
        if (n == 1) {
            return new SampleStats(1, mean, Double.NaN, Double.NaN, min, max);
        }
        double std = Math.sqrt(StatUtils.variance(values, mean));
        double t = t975(n - 1);
        return new SampleStats(n, mean, std, t * std / Math.sqrt(n), min, max);
    }

    /**
     * Half-width of a 95% interval for the accuracy the trial would show on new data from the same source: the
     * seed-to-seed variance of the mean plus the binomial sampling variance of a test set of {@code testItems}
     * items, mean(1 - mean) / testItems, with Welch-Satterthwaite degrees of freedom (the binomial part counts as
     * known). NaN with fewer than 2 runs, without a test size, or for a mean outside [0, 1] (not an accuracy).
     */
    public double ci95NewData(long testItems) {
        if (n < 2 || testItems <= 0 || !(mean >= 0 && mean <= 1)) {
            return Double.NaN;
        }
        double seeds = std * std / n;
        double items = mean * (1 - mean) / testItems;
        if (seeds == 0) {
            return 1.959963984540054 * Math.sqrt(items);
        }
        double df = (seeds + items) * (seeds + items) * (n - 1) / (seeds * seeds);
        return new TDistribution(null, df).inverseCumulativeProbability(0.975) * Math.sqrt(seeds + items);
    }
}
