package io.sparksweep.stats;

import org.apache.commons.math3.distribution.BetaDistribution;

import java.util.Map;

/**
 * P(A > B): how often one trial beats another, as proposed by Bouthillier et al. 2021, "Accounting for variance
 * in machine learning benchmarks", with an exact binomial (Clopper-Pearson 1934) 95% confidence interval. With the
 * same seeds on both sides it is the share of seeds where A's run beats B's run of that seed; otherwise the share
 * of all (run of A, run of B) pairs where A's is better.
 *
 * <p>Ties count one half in the estimate; in the interval they count against A for the lower bound and for A for
 * the upper bound, so the interval covers whichever way a tie is read. With paired seeds the number of seeds won
 * is binomial given the seeds' independence, and the interval is exact (conservative). Unpaired pairs are not
 * independent; there the interval treats the smaller side's run count as the number of comparisons, an
 * approximation said so in {@link #describe()}.
 *
 * @param probability point estimate in [0, 1]
 * @param low         lower bound of the 95% Clopper-Pearson interval
 * @param high        upper bound of the 95% Clopper-Pearson interval
 * @param paired      true when computed over shared seeds
 * @param n           seeds (paired) or the smaller side's runs (unpaired)
 */
public record ProbabilityOfImprovement(double probability, double low, double high, boolean paired, int n) {

    /** Two-sided level of the interval. */
    static final double ALPHA = 0.05;

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
            return paired(x, y);
        }
        return unpaired(a.values().stream().mapToDouble(v -> sign * v).toArray(),
                b.values().stream().mapToDouble(v -> sign * v).toArray());
    }

    /** Share of i with a[i] > b[i], ties one half. Higher values are better. */
    public static ProbabilityOfImprovement paired(double[] a, double[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("paired samples need the same size >= 1, got " + a.length + " and "
                    + b.length);
        }
        int n = a.length;
        int wins = 0;
        int ties = 0;
        for (int i = 0; i < n; i++) {
            wins += a[i] > b[i] ? 1 : 0;
            ties += a[i] == b[i] ? 1 : 0;
        }
        return new ProbabilityOfImprovement((wins + ties / 2.0) / n, lower(wins, n), upper(wins + ties, n), true, n);
    }

    /** Share of (i, j) with a[i] > b[j], ties one half. Higher is better. */
    public static ProbabilityOfImprovement unpaired(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("each side needs at least one value");
        }
        long wins = 0;
        long ties = 0;
        for (double x : a) {
            for (double y : b) {
                wins += x > y ? 1 : 0;
                ties += x == y ? 1 : 0;
            }
        }
        double pairs = (double) a.length * b.length;
        int n = Math.min(a.length, b.length);
        return new ProbabilityOfImprovement((wins + ties / 2.0) / pairs,
                lower((int) Math.floor(n * wins / pairs + 1e-9), n),
                upper((int) Math.ceil(n * (wins + ties) / pairs - 1e-9), n), false, n);
    }

    /**
     * The bounds for up to {@value #TABULATED_N} seeds, computed once: inverting the beta distribution costs more than
     * the rest of a ranking, and simulations rank thousands of sweeps. {@code LOWER[n][x]}, {@code UPPER[n][x]}.
     */
    private static final int TABULATED_N = 20;
    private static final double[][] LOWER = table(ProbabilityOfImprovement::computeLower);
    private static final double[][] UPPER = table(ProbabilityOfImprovement::computeUpper);

    private interface Bound {
        double of(int x, int n);
    }

    private static double[][] table(Bound bound) {
        double[][] table = new double[TABULATED_N + 1][];
        for (int n = 0; n <= TABULATED_N; n++) {
            table[n] = new double[n + 1];
            for (int x = 0; x <= n; x++) {
                table[n][x] = bound.of(x, n);
            }
        }
        return table;
    }

    /** Clopper-Pearson lower bound for x successes of n. */
    static double lower(int x, int n) {
        return n <= TABULATED_N && x >= 0 && x <= n ? LOWER[n][x] : computeLower(x, n);
    }

    /** Clopper-Pearson upper bound for x successes of n. */
    static double upper(int x, int n) {
        return n <= TABULATED_N && x >= 0 && x <= n ? UPPER[n][x] : computeUpper(x, n);
    }

    private static double computeLower(int x, int n) {
        return x == 0 ? 0.0 : new BetaDistribution(null, x, n - x + 1).inverseCumulativeProbability(ALPHA / 2);
    }

    private static double computeUpper(int x, int n) {
        return x >= n ? 1.0 : new BetaDistribution(null, x + 1, n - x).inverseCumulativeProbability(1 - ALPHA / 2);
    }

    /**
     * "67% of 3 seeds (95% CI 9-99%, exact binomial)" or "60% of run pairs (95% CI 15-95%, approximate: seeds
     * differ)".
     */
    public String describe() {
        return percent(probability) + "% of " + (paired ? n + " seeds" : "run pairs") + " (95% CI " + percent(low)
                + "-" + percent(high) + "%, " + (paired ? "exact binomial" : "approximate: seeds differ") + ")";
    }

    private static long percent(double p) {
        return Math.round(100 * p);
    }
}
