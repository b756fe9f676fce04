package io.sparksweep.stats;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

import java.util.Arrays;
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
     * Differences whose spread is below this share of the values' size are equal up to rounding: accuracies
     * such as .812 - .810 and .790 - .788 differ in their last bits, which would make t huge and p nearly 0.
     */
    static final double ROUNDING = 1e-9;

    /**
     * Two-sided paired t-test of a[i] against b[i] (scipy's {@code ttest_rel}). When every difference is the
     * same (up to rounding) the t statistic is undefined and the answer comes from the exact sign-flip test
     * instead ({@link #signFlipP}): with n seeds all won by the same margin that is 2 / 2^n, the smallest p
     * that n paired values can give without assuming a distribution; 1 when every difference is 0.
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
        if (Math.sqrt(variance) <= ROUNDING * scale(a, b)) {
            return signFlipP(d, ROUNDING * scale(a, b));
        }
        double t = mean / Math.sqrt(variance / d.length);
        return 2 * StudentT.cdf(-Math.abs(t), d.length - 1);
    }

    /**
     * Exact two-sided sign-flip (permutation) test of paired differences (Fisher 1935): the share of the 2^n
     * ways of flipping their signs whose |sum| is at least the observed one. Valid whenever the differences are
     * symmetric about 0 under the null, which holds when the two trials are exchangeable on each seed. Beyond 20
     * differences the 2 / 2^n bound of identical differences is returned, as it is only called for those.
     *
     * @param tolerance sums closer than this count as equal
     */
    static double signFlipP(double[] d, double tolerance) {
        double observed = Math.abs(Arrays.stream(d).sum());
        if (observed <= tolerance * d.length) {
            return 1.0;
        }
        if (d.length > 20) {
            return Math.min(1.0, Math.pow(2, 1 - d.length));
        }
        long atLeast = 0;
        long patterns = 1L << d.length;
        for (long mask = 0; mask < patterns; mask++) {
            double sum = 0;
            for (int i = 0; i < d.length; i++) {
                sum += (mask & (1L << i)) != 0 ? -d[i] : d[i];
            }
            if (Math.abs(sum) >= observed - tolerance * d.length) {
                atLeast++;
            }
        }
        return (double) atLeast / patterns;
    }

    private static double scale(double[] a, double[] b) {
        double max = Double.MIN_NORMAL;
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        for (double v : b) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /**
     * Two-sided Welch p-value (scipy's {@code ttest_ind(equal_var=False)}). With no spread on either side (up to
     * rounding) the t statistic is undefined and the exact permutation test answers instead: 1 for equal means,
     * else the share of the C(n + m, n) splits of the pooled values that separate them as much.
     *
     * @throws IllegalArgumentException unless both samples have at least 2 values
     */
    public static double welchP(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("Welch's test needs at least 2 values on each side, got "
                    + a.length + " and " + b.length);
        }
        double tolerance = ROUNDING * scale(a, b);
        if (Math.sqrt(StatUtils.variance(a)) <= tolerance && Math.sqrt(StatUtils.variance(b)) <= tolerance) {
            return constantGroupsP(a.length, b.length, Math.abs(StatUtils.mean(a) - StatUtils.mean(b)) <= tolerance);
        }
        return new TTest().tTest(a, b);
    }

    /**
     * Exact two-sided permutation p of two constant groups of sizes n and m with different values: only the
     * observed split (and its mirror image when n = m) separates the groups completely.
     */
    static double constantGroupsP(int n, int m, boolean equalMeans) {
        if (equalMeans) {
            return 1.0;
        }
        double splits = Math.exp(org.apache.commons.math3.util.CombinatoricsUtils.binomialCoefficientLog(n + m, n));
        return Math.min(1.0, (n == m ? 2 : 1) / splits);
    }
}
