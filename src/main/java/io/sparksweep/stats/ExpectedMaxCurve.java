package io.sparksweep.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Expected best score after trying n configurations, for n = 1..N, from the N scores a sweep observed
 * (Dodge et al. 2019, "Show Your Work: Improved Reporting of Experimental Results"). With the empirical CDF
 * F of the scores, the best of n independent draws is at most v with probability F(v)^n, so with the scores
 * sorted v(1) <= ... <= v(N):
 * E[max of n] = sum over i of v(i) * ((i/N)^n - ((i-1)/N)^n), and likewise for E[max^2], whence a standard
 * deviation. Draws are with replacement, as in the paper. A curve still rising at n = N says a bigger sweep
 * would likely have found better; a flat one says the sweep's size bought little.
 *
 * @param points one per n, n = 1..N
 */
public record ExpectedMaxCurve(List<Point> points) {

    /** The expected best of {@code configurations} draws and its standard deviation. */
    public record Point(int configurations, double expected, double std) {
    }

    public ExpectedMaxCurve {
        points = List.copyOf(points);
    }

    /** @param scores one per configuration (say its mean test accuracy); higher is better; NaN are left out */
    public static ExpectedMaxCurve of(double[] scores) {
        return curve(Arrays.stream(scores).filter(s -> !Double.isNaN(s)).sorted().toArray());
    }

    /**
     * The expected test score of the configuration a sweep of n draws would pick, for n = 1..N: the one with the
     * best selection score among the n (its validation metric, as the sweep's ranking chooses), scored by its
     * reported one (its test accuracy). Dodge et al.'s estimator with the order taken from the selection score
     * and the value from the reported score; with both the same it is {@link #of(double[])}.
     *
     * @param selection      one per configuration; NaN are left out (with their reported score)
     * @param reported       the same configurations' reported scores, higher is better
     * @param higherIsBetter for the selection score (false for a loss)
     */
    public static ExpectedMaxCurve chosen(double[] selection, double[] reported, boolean higherIsBetter) {
        if (selection.length != reported.length) {
            throw new IllegalArgumentException("one reported score per configuration: " + selection.length + " vs "
                    + reported.length);
        }
        Integer[] order = java.util.stream.IntStream.range(0, selection.length)
                .filter(i -> !Double.isNaN(selection[i]) && !Double.isNaN(reported[i])).boxed()
                .sorted(java.util.Comparator.comparingDouble(i -> higherIsBetter ? selection[i] : -selection[i]))
                .toArray(Integer[]::new);
        return curve(Arrays.stream(order).mapToDouble(i -> reported[i]).toArray());
    }

    /** Dodge et al.'s expected maximum over n = 1..N draws of the N reported scores, given in selection order. */
    private static ExpectedMaxCurve curve(double[] reportedInSelectionOrder) {
        int total = reportedInSelectionOrder.length;
        List<Point> points = new ArrayList<>(total);
        for (int n = 1; n <= total; n++) {
            double mean = 0;
            double square = 0;
            for (int i = 1; i <= total; i++) {
                double weight = Math.pow((double) i / total, n) - Math.pow((double) (i - 1) / total, n);
                double v = reportedInSelectionOrder[i - 1];
                mean += weight * v;
                square += weight * v * v;
            }
            points.add(new Point(n, mean, Math.sqrt(Math.max(0, square - mean * mean))));
        }
        return new ExpectedMaxCurve(points);
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }
}
