package io.sparksweep.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Student's t distribution's lower tail for whole degrees of freedom, in closed form (Abramowitz and Stegun 26.7.3
 * and 26.7.4: a finite trigonometric series in θ = atan(t / √ν)). Paired tests always have whole degrees of
 * freedom, and the races' simulations compute millions of these p-values: the general incomplete-beta route costs
 * several times the rest of a test. Tails below {@value #SERIES_FLOOR}, where the series' cancellation would cost
 * relative accuracy, go the general route.
 */
public final class StudentT {

    private static final double SERIES_FLOOR = 1e-9;

    private StudentT() {
    }

    /** P(T ≤ t) for Student's t with {@code df} ≥ 1 degrees of freedom. */
    public static double cdf(double t, int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + df);
        }
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return t > 0 ? 1.0 : 0.0;
        }
        double tail = (1 - centralProbability(Math.abs(t), df)) / 2;
        if (tail < SERIES_FLOOR) {
            return new TDistribution(null, df).cumulativeProbability(t);
        }
        return t <= 0 ? tail : 1 - tail;
    }

    /** P(|T| ≤ t) for t ≥ 0. */
    private static double centralProbability(double t, int df) {
        double theta = Math.atan(t / Math.sqrt(df));
        double sin = Math.sin(theta);
        double cos = Math.cos(theta);
        double cos2 = cos * cos;
        if (df % 2 == 1) {
            if (df == 1) {
                return 2 * theta / Math.PI;
            }
            // cos θ (1 + 2/3 cos²θ + 2·4/(3·5) cos⁴θ + ... up to cos^(ν-2)θ)
            double term = cos;
            double sum = cos;
            for (int k = 2; k <= df - 3; k += 2) {
                term *= cos2 * k / (k + 1);
                sum += term;
            }
            return 2 / Math.PI * (theta + sin * sum);
        }
        // 1 + 1/2 cos²θ + 1·3/(2·4) cos⁴θ + ... up to cos^(ν-2)θ
        double term = 1;
        double sum = 1;
        for (int k = 1; k <= df - 3; k += 2) {
            term *= cos2 * k / (k + 1);
            sum += term;
        }
        return sin * sum;
    }
}
