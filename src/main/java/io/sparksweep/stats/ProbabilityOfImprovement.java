package io.sparksweep.stats;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * P(A > B): how often one trial beats another, with a percentile bootstrap confidence interval, as proposed by
 * Bouthillier et al. 2021, "Accounting for variance in machine learning benchmarks". With the same seeds on
 * both sides it is the share of seeds where A's run beats B's run of that seed; otherwise the share of all
 * (run of A, run of B) pairs where A's is better. A tie counts one half. The bootstrap resamples seeds
 * (paired) or each side's runs (unpaired) with a fixed random seed, so the same runs always give the same
 * interval.
 *
 * @param probability point estimate in [0, 1]
 * @param low         2.5th percentile of the bootstrap distribution
 * @param high        97.5th percentile of the bootstrap distribution
 * @param paired      true when computed over shared seeds
 * @param n           seeds (paired) or the smaller side's runs (unpaired)
 */
public record ProbabilityOfImprovement(double probability, double low, double high, boolean paired, int n) {

    /** Bootstrap resamples; the 2.5/97.5 percentiles move by well under a percent point beyond this. */
    public static final int RESAMPLES = 2000;
    /** Random seed of the bootstrap: fixed so a report is reproducible. */
    public static final long BOOTSTRAP_SEED = 20211;

    /**
     * @param a              values of A by seed (at least one)
     * @param b              values of B by seed (at least one)
     * @param higherIsBetter false for a loss: then A beats B where its value is lower
     */
    public static ProbabilityOfImprovement bySeed(Map<Long, Double> a, Map<Long, Double> b, boolean higherIsBetter) {
        double sign = higherIsBetter ? 1 : -1;
        if (a.keySet().equals(b.keySet())) {
            double[] x = new double[a.size()];
            double[] y = new double[a.size()];
            int i = 0;
            for (Map.Entry<Long, Double> e : a.entrySet()) {
                x[i] = sign * e.getValue();
                y[i++] = sign * b.get(e.getKey());
            }
            return paired(x, y, RESAMPLES, BOOTSTRAP_SEED);
        }
        return unpaired(a.values().stream().mapToDouble(v -> sign * v).toArray(),
                b.values().stream().mapToDouble(v -> sign * v).toArray(), RESAMPLES, BOOTSTRAP_SEED);
    }

    /** Share of i with a[i] > b[i]; the bootstrap resamples the indices. Higher values are better. */
    public static ProbabilityOfImprovement paired(double[] a, double[] b, int resamples, long seed) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("paired samples need the same size >= 1, got " + a.length + " and "
                    + b.length);
        }
        int n = a.length;
        double[] wins = new double[n];
        for (int i = 0; i < n; i++) {
            wins[i] = win(a[i], b[i]);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] boot = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += wins[random.nextInt(n)];
            }
            boot[r] = sum / n;
        }
        return of(Arrays.stream(wins).sum() / n, boot, true, n);
    }

    /** Share of (i, j) with a[i] > b[j]; the bootstrap resamples each side on its own. Higher is better. */
    public static ProbabilityOfImprovement unpaired(double[] a, double[] b, int resamples, long seed) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("each side needs at least one value");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] boot = new double[resamples];
        double[] x = new double[a.length];
        double[] y = new double[b.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = a[random.nextInt(a.length)];
            }
            for (int j = 0; j < y.length; j++) {
                y[j] = b[random.nextInt(b.length)];
            }
            boot[r] = pairs(x, y);
        }
        return of(pairs(a, b), boot, false, Math.min(a.length, b.length));
    }

    private static double pairs(double[] a, double[] b) {
        double sum = 0;
        for (double x : a) {
            for (double y : b) {
                sum += win(x, y);
            }
        }
        return sum / ((double) a.length * b.length);
    }

    private static double win(double x, double y) {
        return x > y ? 1 : x == y ? 0.5 : 0;
    }

    private static ProbabilityOfImprovement of(double estimate, double[] boot, boolean paired, int n) {
        Arrays.sort(boot);
        return new ProbabilityOfImprovement(estimate, percentile(boot, 0.025), percentile(boot, 0.975), paired, n);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * "71% of 10 seeds (95% CI 40-90%)" or "71% of run pairs (95% CI 55-85%)". The count of seeds is there
     * because with very few seeds a bootstrap interval is narrower than the truth: 2 seeds both won give
     * 100-100%.
     */
    public String describe() {
        return percent(probability) + "% of " + (paired ? n + " seeds" : "run pairs") + " (95% CI " + percent(low)
                + "-" + percent(high) + "%)";
    }

    private static long percent(double p) {
        return Math.round(100 * p);
    }
}
