package io.sparksweep.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Mean, sample standard deviation (n - 1) and the half-width of the 95% confidence interval of the mean
 * from Student's t with n - 1 degrees of freedom. Undefined values are NaN: everything when n = 0,
 * std and ci95 when n = 1 (one seed says nothing about seed-to-seed noise).
 */
public record SampleStats(int n, double mean, double std, double ci95, double min, double max) {

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
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
        return new SampleStats(n, mean, std, t * std / Math.sqrt(n), min, max);
    }
}
