package io.sparksweep.testing;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** "Same numbers" for two implementations of one computation (helpers on/off, project layers vs DL4J's). */
public final class ArrayAsserts {

    private ArrayAsserts() {
    }

    /**
     * Element-wise |a - b| <= tol * |b| + tol * max|b|: relative where values are large, and a floor scaled to
     * the array for entries near zero, where a different summation order alone exceeds tol. Reports the worst entry.
     */
    public static void assertClose(String what, INDArray expected, INDArray actual, double tolerance) {
        assertClose(what, expected, actual, tolerance, 0);
    }

    /** The same with {@code slack} more allowed everywhere: for quantities whose own scale is known from outside. */
    public static void assertClose(String what, INDArray expected, INDArray actual, double tolerance, double slack) {
        assertEquals(expected.length(), actual.length(), what + " length");
        float[] e = expected.castTo(DataType.FLOAT).dup().data().asFloat();
        float[] a = actual.castTo(DataType.FLOAT).dup().data().asFloat();
        double scale = 0;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < e.length; i++) {
            double excess = Math.abs(a[i] - e[i]) - (tolerance * Math.abs(e[i]) + tolerance * scale + slack);
            if (excess > worst || (Double.isNaN(a[i]) != Double.isNaN(e[i]))) {
                worst = Double.isNaN(excess) ? Double.MAX_VALUE : excess;
                worstIndex = i;
            }
        }
        if (worstIndex >= 0) {
            fail(what + " differs at " + worstIndex + ": " + e[worstIndex] + " vs " + a[worstIndex]
                    + " (largest |value| " + scale + ")");
        }
    }
}
