package io.sparksweep.model.layers;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first conv layer's kernels (both weight-gradient kernels and the forward kernel) against the sums written out
 * in double, for the families' first layers and for the shapes where an indexing slip would show: no padding, a
 * plane that is no whole number of vectors, a kernel width without its own unrolled loop, Same mode's uneven
 * padding. The suite's JVM has the vector module, as the training JVMs do.
 */
class FirstLayerKernelsTest {

    /** outputs, kH, kW, inH, inW, padTop, padLeft, batch. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(6, 5, 5, 28, 28, 2, 2, 64),   // LeNet-5
                Arguments.of(32, 3, 3, 28, 28, 1, 1, 64),  // mini-VGG, VGG-like, deep
                Arguments.of(6, 5, 5, 28, 28, 0, 0, 7),    // no padding
                Arguments.of(4, 3, 3, 7, 7, 0, 0, 5),      // a 5x5 plane: whole vectors do not cover it
                Arguments.of(3, 4, 4, 13, 11, 1, 2, 3),    // a 4-wide kernel, uneven padding
                Arguments.of(2, 3, 5, 9, 10, 1, 2, 2));    // Same-mode-like: more padding left than the kernel's half
    }

    @ParameterizedTest(name = "{0} outputs, {1}x{2} kernel, {3}x{4} input, padding {5}/{6}, batch {7}")
    @MethodSource("shapes")
    void bothGradientKernelsGiveTheSumsWrittenOutInDouble(int outputs, int kH, int kW, int inH, int inW, int padTop,
                                                 int padLeft, int n) {
        int outH = inH + 2 * padTop - kH + 1;
        int outW = inW + 2 * padLeft - kW + 1;
        Random random = new Random(outputs * 31L + kH * 7L + inW);
        float[] x = uniform(random, n * inH * inW, 0f);
        float[] dy = uniform(random, n * outputs * outH * outW, -0.5f);
        double[] dW = new double[outputs * kH * kW];
        double[] db = new double[outputs];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < outputs; o++) {
                for (int y = 0; y < outH; y++) {
                    for (int c = 0; c < outW; c++) {
                        double g = dy[((b * outputs + o) * outH + y) * outW + c];
                        db[o] += g;
                        for (int u = 0; u < kH; u++) {
                            for (int v = 0; v < kW; v++) {
                                dW[(o * kH + u) * kW + v] += g * pixel(x, b, inH, inW, y + u - padTop, c + v - padLeft);
                            }
                        }
                    }
                }
            }
        }
        FirstLayerShape shape = new FirstLayerShape(outputs, kH, kW, outH, outW);
        InputGradientKernel[] kernels = {new InputConvolutionKernel(shape), VectorInputConvolutionKernel.create(shape)};
        for (InputGradientKernel kernel : kernels) {
            float[] gotW = new float[dW.length];
            float[] gotB = new float[db.length];
            kernel.gradients(x, n, inH, inW, dy, padTop, padLeft, gotW, gotB);
            assertClose(dW, gotW, kernel.getClass().getSimpleName() + " weights");
            assertClose(db, gotB, kernel.getClass().getSimpleName() + " bias");
        }
    }

    @ParameterizedTest(name = "{0} outputs, {1}x{2} kernel, {3}x{4} input, padding {5}/{6}, batch {7}")
    @MethodSource("shapes")
    void theForwardKernelGivesTheSumsWrittenOutInDouble(int outputs, int kH, int kW, int inH, int inW, int padTop,
                                                       int padLeft, int n) {
        int outH = inH + 2 * padTop - kH + 1;
        int outW = inW + 2 * padLeft - kW + 1;
        Random random = new Random(outputs * 17L + kW * 5L + inH);
        float[] x = uniform(random, n * inH * inW, 0f);
        float[] w = uniform(random, outputs * kH * kW, -0.5f);
        float[] b = uniform(random, outputs, -0.5f);
        double[] expected = new double[n * outputs * outH * outW];
        double[] unbiased = new double[expected.length];
        for (int image = 0; image < n; image++) {
            for (int o = 0; o < outputs; o++) {
                for (int y = 0; y < outH; y++) {
                    for (int c = 0; c < outW; c++) {
                        double sum = 0;
                        for (int u = 0; u < kH; u++) {
                            for (int v = 0; v < kW; v++) {
                                sum += w[(o * kH + u) * kW + v]
                                        * pixel(x, image, inH, inW, y + u - padTop, c + v - padLeft);
                            }
                        }
                        int at = ((image * outputs + o) * outH + y) * outW + c;
                        unbiased[at] = sum;
                        expected[at] = sum + b[o];
                    }
                }
            }
        }
        VectorInputConvolutionForward forward = new VectorInputConvolutionForward(
                new FirstLayerShape(outputs, kH, kW, outH, outW));
        float[] out = new float[expected.length];
        // Twice into the same array: every element must be written, none left from the last call.
        java.util.Arrays.fill(out, Float.NaN);
        forward.forward(x, n, inH, inW, padTop, padLeft, w, null, out);
        assertClose(unbiased, out, "forward without bias");
        forward.forward(x, n, inH, inW, padTop, padLeft, w, b, out);
        assertClose(expected, out, "forward");
    }

    @Test
    void theVectorKernelIsChosenWhereAPlaneHoldsAVectorAndFusedMultiplyAddIsAnInstruction() {
        assertTrue(VectorModule.present(), "the suite runs with " + VectorModule.JVM_OPTION);
        // Held to SSE (testing.md, "On older x86 processors") the JVM has no FMA and takes the plain kernel.
        Class<? extends InputGradientKernel> expected =
                VectorModule.kernelsApply() ? VectorInputConvolutionKernel.class : InputConvolutionKernel.class;
        assertInstanceOf(expected, InputGradientKernel.create(new FirstLayerShape(6, 5, 5, 28, 28)));
        assertInstanceOf(InputConvolutionKernel.class, InputGradientKernel.create(new FirstLayerShape(6, 3, 3, 1, 1)));
    }

    /** Image {@code image}'s value at {@code row, col}, 0 in the zero padding around it. */
    private static double pixel(float[] x, int image, int inH, int inW, int row, int col) {
        return row >= 0 && row < inH && col >= 0 && col < inW ? x[(image * inH + row) * inW + col] : 0;
    }

    /** {@code length} values drawn uniformly from [from, from + 1). */
    private static float[] uniform(Random random, int length, float from) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = from + random.nextFloat();
        }
        return values;
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(actual[i] - expected[i]);
            assertTrue(error <= 1e-5 * scale, what + "[" + i + "]: " + actual[i] + " against " + expected[i]);
        }
    }
}
