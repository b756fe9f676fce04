package io.sparksweep.decide;

import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The tests a race needs over the first k seeds of the m candidates still in it, seeds as blocks (seed r of
 * every candidate is the same seed), as in F-race: within each seed the candidates are ranked, and a two-way
 * analysis of variance of those ranks (candidates x seeds, no interaction; Conover's form of the Friedman
 * test) pools the residual over all m candidates with (m-1)(k-1) degrees of freedom instead of the k-1 of a
 * single paired t-test. Ranks rather than scores because candidates' noise levels differ (a learning rate
 * on the edge of diverging scatters far more than a good one), and a variance pooled over raw scores then
 * calls equal candidates different far more often than alpha; a candidate's ranks are bounded whatever its
 * noise. Plus Holm's step-down thresholds.
 */
final class RaceStatistics {

    private RaceStatistics() {
    }

    /**
     * The blocked analysis of the first k seeds of the given candidates.
     *
     * @param means      each given candidate's mean score over its first k seeds, in the order given
     * @param rankMeans  its mean rank within a seed (1 = lowest score) over the same seeds; with only two
     *                   candidates, its mean score (they are compared on scores then)
     * @param msResidual pooled residual variance of the ranks (of the scores with two candidates); 0 when
     *                   the ranks agree in every seed
     * @param dfResidual (m-1)(k-1)
     * @param omnibusP   p-value of the F test on ranks, "all given candidates are alike" (the exact chance of
     *                   the same ranking in every seed when that happened); 1 when the scores show no noise
     *                   at all (a race never eliminates on seeds that show no noise)
     */
    record Blocked(double[] means, double[] rankMeans, int seeds, double msResidual, int dfResidual,
                   double omnibusP) {

        /**
         * Two-sided p-value of "candidates a and b rank alike": t-test on the difference of their mean ranks
         * with the pooled residual variance (standard error sqrt(2 ms / k), df of the residual). Ranks that
         * agree in every seed leave no residual: p = 0 for a real difference then, unless the omnibus test
         * found no noise at all (p = 1).
         */
        double pairP(int a, int b) {
            double difference = Math.abs(rankMeans[a] - rankMeans[b]);
            if (omnibusP >= 1.0 || dfResidual < 1 || difference == 0) {
                return 1.0;
            }
            if (msResidual == 0) {
                return 0.0;
            }
            double t = difference / Math.sqrt(2 * msResidual / seeds);
            return 2 * new TDistribution(null, dfResidual).cumulativeProbability(-t);
        }
    }

    /** The blocked analysis over scores[c][r], c in {@code rows}, r < k. */
    static Blocked blocked(double[][] scores, int[] rows, int k) {
        double[][] values = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            values[i] = scores[rows[i]];
        }
        return analyse(values, ranks(values, k), k);
    }

    /** Ranks within each seed r < k (1 = lowest score), the average rank among ties. */
    private static double[][] ranks(double[][] values, int k) {
        int m = values.length;
        double[][] ranks = new double[m][k];
        Integer[] order = new Integer[m];
        for (int r = 0; r < k; r++) {
            int seed = r;
            for (int i = 0; i < m; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> values[i][seed]));
            for (int from = 0; from < m; ) {
                int to = from;
                while (to + 1 < m && values[order[to + 1]][r] == values[order[from]][r]) {
                    to++;
                }
                for (int i = from; i <= to; i++) {
                    ranks[order[i]][r] = (from + to) / 2.0 + 1;
                }
                from = to + 1;
            }
        }
        return ranks;
    }

    /** The analysis of the first k seeds, given each candidate's scores and ranks within seeds. */
    private static Blocked analyse(double[][] values, double[][] ranks, int k) {
        int m = values.length;
        double[] means = new double[m];
        for (int i = 0; i < m; i++) {
            means[i] = mean(values[i], k);
        }
        double[] rankMeans = new double[m];
        for (int i = 0; i < m; i++) {
            rankMeans[i] = mean(ranks[i], k);
        }
        int dfResidual = (m - 1) * (k - 1);
        if (m < 2 || dfResidual < 1) {
            return new Blocked(means, rankMeans, k, 0, dfResidual, 1.0);
        }
        double[] raw = sumsOfSquares(values, k);
        // Scores without any candidate x seed interaction leave only rounding in the residual: no noise.
        if (raw[1] <= 1e-20 * (raw[0] + raw[1])) {
            return new Blocked(means, rankMeans, k, 0, dfResidual, 1.0);
        }
        if (m == 2) {
            // Two candidates: the one difference per seed carries its own variance whatever the two noise
            // levels, so the paired t-test on scores (this F test with 1 and k-1 degrees of freedom) is exact,
            // where ranks of two could not reject before 2^(k-1) > 1/alpha seeds.
            double f = raw[0] / (raw[1] / dfResidual);
            double p = 1 - new FDistribution(null, 1, dfResidual).cumulativeProbability(f);
            return new Blocked(means, means, k, raw[1] / dfResidual, dfResidual, p);
        }
        double[] ranked = sumsOfSquares(ranks, k);
        if (ranked[0] == 0) {
            return new Blocked(means, rankMeans, k, ranked[1] / dfResidual, dfResidual, 1.0);
        }
        if (ranked[1] == 0) {
            // The same ranking in every seed: the F test would say p = 0, but its exact chance among equal
            // candidates is (1/m!)^(k-1), far from 0 with few candidates and seeds (1/24 for 4 on 2 seeds).
            double logFactorial = 0;
            for (int i = 2; i <= m; i++) {
                logFactorial += Math.log(i);
            }
            return new Blocked(means, rankMeans, k, 0, dfResidual, Math.exp(-(k - 1) * logFactorial));
        }
        double ms = ranked[1] / dfResidual;
        double f = (ranked[0] / (m - 1)) / ms;
        double p = 1 - new FDistribution(null, m - 1, dfResidual).cumulativeProbability(f);
        return new Blocked(means, rankMeans, k, ms, dfResidual, p);
    }

    /** {sum of squares between candidates, residual sum of squares} of a two-way layout without interaction. */
    private static double[] sumsOfSquares(double[][] values, int k) {
        int m = values.length;
        double[] means = new double[m];
        double[] seedMeans = new double[k];
        double grand = 0;
        for (int i = 0; i < m; i++) {
            means[i] = mean(values[i], k);
            grand += means[i] / m;
            for (int r = 0; r < k; r++) {
                seedMeans[r] += values[i][r] / m;
            }
        }
        double between = 0;
        double residual = 0;
        for (int i = 0; i < m; i++) {
            between += k * (means[i] - grand) * (means[i] - grand);
            for (int r = 0; r < k; r++) {
                double e = values[i][r] - means[i] - seedMeans[r] + grand;
                residual += e * e;
            }
        }
        return new double[]{between, residual};
    }

    /** Simulated races behind {@link #pocockLevel}; its Monte Carlo standard error at 0.05 is 0.0015. */
    static final int CALIBRATION_RACES = 20_000;

    /** Largest over smallest noise level of the simulated candidates {@link #pocockLevel} holds to alpha. */
    static final double NOISE_SPREAD = 16;

    /**
     * Pocock-style spending: the one nominal level (a look rejects when its p-value is strictly below it),
     * used at every look k = min..max, at which m equal
     * candidates (scores exchangeable within each seed, so every ranking is equally likely; how they are
     * distributed does not matter) see the F test on ranks reject at some look
     * in alpha of races. Under that null nothing is eliminated before the first rejection, so this level makes
     * the chance of any elimination alpha for the race's own m, min and max. Found by simulation from a fixed
     * seed (the same arguments give the same level). The simulated candidates' noise levels are spread
     * geometrically from 1 to {@link #NOISE_SPREAD}: ranks of equal candidates with unequal noise are not
     * quite exchangeable (the noisiest one lands at the ends more often), which makes rejections more likely
     * than with equal noise, so the level holds for noise levels up to that spread and is conservative for
     * equal ones. Rankings being few with few candidates and seeds, the level may be 0: then the race
     * cannot eliminate anything, rather than exceed alpha.
     */
    static double pocockLevel(double alpha, int m, int min, int max) {
        if (m < 2) {
            return alpha;
        }
        java.util.Random rng = new java.util.Random(0x5eed_7ace_5eedL);
        double[][] scores = new double[m][max];
        double[] noise = new double[m];
        for (int c = 0; c < m; c++) {
            noise[c] = Math.pow(NOISE_SPREAD, c / (m - 1.0));
        }
        double[] minP = new double[CALIBRATION_RACES];
        for (int i = 0; i < CALIBRATION_RACES; i++) {
            for (int c = 0; c < m; c++) {
                for (int r = 0; r < max; r++) {
                    scores[c][r] = noise[c] * rng.nextGaussian();
                }
            }
            double[][] ranks = ranks(scores, max);
            double least = 1.0;
            for (int k = Math.max(min, 2); k <= max; k++) {
                least = Math.min(least, analyse(scores, ranks, k).omnibusP());
            }
            minP[i] = least;
        }
        java.util.Arrays.sort(minP);
        // Ranks make the statistic discrete (rankings that agree in every seed give p = 0): a look rejects
        // when its p-value is strictly below the level, and the level stops at a value such that no more
        // than alpha of the simulated races have a p-value below it.
        int allowed = (int) Math.floor(alpha * CALIBRATION_RACES);
        int j = allowed;
        while (j > 0 && minP[j - 1] == minP[j]) {
            j--;
        }
        return j == 0 ? 0.0 : minP[j];
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
