package io.sparksweep.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link EluKernel}'s polynomial ELU against the exact value, over every float exponent that matters. */
class EluKernelTest {

    @Test
    void forwardIsWithinItsDocumentedErrorOfTheExactValue() {
        // A dense grid over [-40, 10] plus values near 0 down to subnormals.
        int grid = 500_001;
        float[] x = new float[grid + 2 * 150];
        for (int i = 0; i < grid; i++) {
            x[i] = -40f + 50f * i / (grid - 1);
        }
        for (int e = 0; e < 150; e++) {
            x[grid + 2 * e] = (float) Math.pow(2, -e);
            x[grid + 2 * e + 1] = (float) -Math.pow(2, -e);
        }
        float[] y = x.clone();
        EluKernel.forward(y, y);
        double worstRelative = 0;
        for (int i = 0; i < x.length; i++) {
            double exact = x[i] > 0 ? x[i] : Math.expm1(x[i]);
            double error = Math.abs(y[i] - exact);
            assertTrue(error <= 3.2e-7 * Math.abs(exact) + 1.5e-7, "elu(" + x[i] + ") = " + y[i] + ", exact " + exact);
            if (Math.abs(exact) > 1e-30) {
                worstRelative = Math.max(worstRelative, error / Math.abs(exact));
            }
        }
        assertTrue(worstRelative < 3.2e-7, "relative error " + worstRelative);
    }

    @Test
    void specialValues() {
        float[] x = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, -1e-30f, 1e-30f,
                Float.MIN_VALUE, -Float.MAX_VALUE};
        float[] y = x.clone();
        EluKernel.forward(y, y);
        assertTrue(Float.isNaN(y[0]), "NaN stays NaN");
        assertEquals(Float.POSITIVE_INFINITY, y[1]);
        assertEquals(-1f, y[2], 1e-7f);
        assertEquals(0f, y[3]);
        assertEquals(0f, y[4], 0f);
        assertEquals(-1e-30f, y[5], 1e-36f);
        assertEquals(1e-30f, y[6]);
        assertEquals(Float.MIN_VALUE, y[7]);
        assertEquals(-1f, y[8], 1e-7f);
    }

    @Test
    void backwardTakesTheDerivativeFromTheOutput() {
        float[] x = {-3f, -0.5f, 0f, 2f};
        float[] out = x.clone();
        EluKernel.forward(out, out);
        float[] gradient = {2f, 2f, 2f, 2f};
        EluKernel.backward(out, gradient, gradient);
        for (int i = 0; i < x.length; i++) {
            double exact = 2 * (x[i] > 0 ? 1 : Math.exp(x[i]));
            assertEquals(exact, gradient[i], 4e-7, "x = " + x[i]);
        }
    }
}
