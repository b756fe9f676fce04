package io.sparksweep.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpectedMaxCurveTest {

    /**
     * Reference: the mean and (population) standard deviation of max(t) over all 5^n n-tuples t drawn with
     * replacement from the scores, enumerated with itertools.product in Python 3.11 / numpy 2.4.6: an
     * independent computation of what Dodge et al.'s closed form gives.
     */
    @Test
    void matchesBruteForceEnumerationOfEveryDraw() {
        ExpectedMaxCurve curve = ExpectedMaxCurve.of(new double[]{0.80, 0.86, 0.90, 0.86, 0.75});
        double[] mean = {0.834, 0.8628, 0.8752800000000001, 0.8820000000000002, 0.8862624000000002};
        double[] std = {0.052763623833091675, 0.03852479720907042, 0.029081292956125597, 0.02379915964902964,
                0.020629647264071203};
        assertEquals(5, curve.points().size());
        for (int n = 1; n <= 5; n++) {
            ExpectedMaxCurve.Point point = curve.points().get(n - 1);
            assertEquals(n, point.configurations());
            assertEquals(mean[n - 1], point.expected(), 1e-12, "n = " + n);
            assertEquals(std[n - 1], point.std(), 1e-9, "n = " + n);
        }
    }

    @Test
    void oneDrawIsTheMeanAndManyDrawsApproachTheBest() {
        double[] scores = new double[40];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = 0.5 + 0.01 * i;
        }
        List<ExpectedMaxCurve.Point> points = ExpectedMaxCurve.of(scores).points();
        assertEquals(0.695, points.get(0).expected(), 1e-12);
        for (int n = 1; n < points.size(); n++) {
            assertTrue(points.get(n).expected() >= points.get(n - 1).expected(), "never falls with more tries");
        }
        assertTrue(points.get(39).expected() > 0.87 && points.get(39).expected() < 0.89);
    }

    @Test
    void configurationsWithoutAScoreAreLeftOut() {
        ExpectedMaxCurve curve = ExpectedMaxCurve.of(new double[]{0.8, Double.NaN});
        assertEquals(1, curve.points().size());
        assertEquals(0.8, curve.points().get(0).expected());
        assertEquals(0.0, curve.points().get(0).std());
        assertTrue(ExpectedMaxCurve.of(new double[0]).isEmpty());
    }
}
