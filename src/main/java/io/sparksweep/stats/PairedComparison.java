package io.sparksweep.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

import java.util.Map;

/**
 * Two-sided t-test of one trial's runs against another's. Repeat r of every trial uses the same seed, so
 * when both trials have exactly the same seeds their runs are paired: a paired t-test on the per-seed
 * differences removes the noise that the seed puts into both (data order, initialisation). When the seeds
 * differ (a failed or missing run), pairing is impossible and Welch's test (unequal variances) is used,
 * with a note saying so.
 *
 * @param test   the test that ran; {@link Test#NONE} when a side has fewer than 2 runs
 * @param n      pairs for the paired test, else runs of the smaller side
 * @param pValue two-sided p; NaN when no test ran
 * @param note   why Welch's test or no test ran; empty for a paired test
 */
public record PairedComparison(Test test, int n, double pValue, String note) {

    /** Which test produced the p-value. */
    public enum Test {
        PAIRED("paired t-test"), WELCH("Welch's t-test"), NONE("no test");

        private final String label;

        Test(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param a values of one trial by seed
     * @param b values of the other trial by seed
     */
    public static PairedComparison bySeed(Map<Long, Double> a, Map<Long, Double> b) {
        if (a.keySet().equals(b.keySet()) && a.size() >= 2) {
            double[] x = new double[a.size()];
            double[] y = new double[a.size()];
            int i = 0;
            for (Map.Entry<Long, Double> e : a.entrySet()) {
                x[i] = e.getValue();
                y[i++] = b.get(e.getKey());
            }
            return new PairedComparison(Test.PAIRED, x.length, pairedP(x, y), "");
        }
        int n = Math.min(a.size(), b.size());
        if (n < 2) {
            return new PairedComparison(Test.NONE, n, Double.NaN, "fewer than 2 ok runs");
        }
        double[] x = a.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = b.values().stream().mapToDouble(Double::doubleValue).toArray();
        return new PairedComparison(Test.WELCH, n, welchP(x, y), "seeds differ, so runs cannot be paired");
    }

    /**
     * Two-sided paired t-test of a[i] against b[i] (scipy's {@code ttest_rel}). When every difference is the
     * same the t statistic is undefined; its limit is certainty: p = 1 if they are all 0, else 0.
     *
     * @throws IllegalArgumentException unless both have the same length, at least 2
     */
    public static double pairedP(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("a paired test needs two samples of the same size >= 2, got "
                    + a.length + " and " + b.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        double mean = StatUtils.mean(d);
        double variance = StatUtils.variance(d, mean);
        if (variance == 0) {
            return mean == 0 ? 1.0 : 0.0;
        }
        double t = mean / Math.sqrt(variance / d.length);
        return 2 * new TDistribution(null, d.length - 1).cumulativeProbability(-Math.abs(t));
    }

    /**
     * Two-sided Welch p-value (scipy's {@code ttest_ind(equal_var=False)}). With no spread on either side the
     * t statistic is undefined; the limit is certainty: p = 1 for equal means, 0 otherwise.
     *
     * @throws IllegalArgumentException unless both samples have at least 2 values
     */
    public static double welchP(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("Welch's test needs at least 2 values on each side, got "
                    + a.length + " and " + b.length);
        }
        if (StatUtils.variance(a) == 0 && StatUtils.variance(b) == 0) {
            return StatUtils.mean(a) == StatUtils.mean(b) ? 1.0 : 0.0;
        }
        return new TTest().tTest(a, b);
    }
}
