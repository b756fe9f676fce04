package io.sparksweep.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The difference of two means (a - b) with Welch's 95% confidence interval and two-sided p: how far fresh seeds
 * moved a trial's estimate. Undefined parts are NaN (fewer than 2 values on a side).
 */
public record MeanDifference(double difference, double ci95Low, double ci95High, double pValue) {

    public static MeanDifference of(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            return new MeanDifference(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double difference = StatUtils.mean(a) - StatUtils.mean(b);
        if (a.length < 2 || b.length < 2) {
            return new MeanDifference(difference, Double.NaN, Double.NaN, Double.NaN);
        }
        double va = StatUtils.variance(a) / a.length;
        double vb = StatUtils.variance(b) / b.length;
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            return new MeanDifference(difference, difference, difference, PairedComparison.welchP(a, b));
        }
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double t = new TDistribution(null, df).inverseCumulativeProbability(0.975);
        return new MeanDifference(difference, difference - t * se, difference + t * se, PairedComparison.welchP(a, b));
    }
}
