package io.sparksweep.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down adjustment of m p-values (Holm 1979; R's {@code p.adjust(method = "holm")}): the i-th
 * smallest p is multiplied by m - i + 1, made monotone, capped at 1. Rejecting where the adjusted p is below
 * alpha keeps the chance of any false rejection among the m tests at most alpha, whatever their dependence.
 */
public final class HolmCorrection {

    private HolmCorrection() {
    }

    /** Adjusted p-values in the order given; NaN entries (no test ran) stay NaN and are not counted in m. */
    public static double[] adjust(double[] pValues) {
        double[] adjusted = new double[pValues.length];
        Arrays.fill(adjusted, Double.NaN);
        Integer[] order = IntStream.range(0, pValues.length).filter(i -> !Double.isNaN(pValues[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> pValues[i])).toArray(Integer[]::new);
        int m = order.length;
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            double p = pValues[order[rank]];
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("p-value outside [0, 1]: " + p);
            }
            running = Math.max(running, Math.min(1.0, (m - rank) * p));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }
}
