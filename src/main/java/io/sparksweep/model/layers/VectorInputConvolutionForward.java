package io.sparksweep.model.layers;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Forward pass of a convolution over a single input channel, stride 1, no dilation (a network's first layer on
 * greyscale images), on the JDK's vector API: {@code out[n, o, y, x] = b[o] + sum over u, v of w[o, u, v] *
 * xPadded[n, y + u, x + v]}. libnd4j's oneDNN helper runs this layer in oneDNN's channels-last layout, its few filters
 * padded to a block of 16, and converts the output array between DL4J's layout and that one before and after every
 * call.
 *
 * <p>Here each output plane is summed in a scratch plane rounded up to whole vectors, one pass per kernel row: the
 * row's {@code kW} weights stay in registers and each vector of the plane is loaded and stored once per row, reading
 * the image's {@link ShiftedCopies} (which carry a vector of zeros past their end for the rounded-up lanes). The
 * plane's real part is then copied out.
 *
 * <p>The class may only be loaded where the module is present ({@link VectorModule}).
 */
final class VectorInputConvolutionForward {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private final FirstLayerShape shape;
    private final ShiftedCopies copies;
    /** One output plane, rounded up to whole vectors. */
    private final float[] plane;

    VectorInputConvolutionForward(FirstLayerShape shape) {
        this.shape = shape;
        this.copies = new ShiftedCopies(shape, LANES);
        this.plane = new float[(shape.span() + LANES - 1) / LANES * LANES];
    }

    /** The layer shape this kernel's scratch is sized for. */
    FirstLayerShape shape() {
        return shape;
    }

    /**
     * @param x       the input, [n, 1, inH, inW] in C order
     * @param padTop  input rows of zero padding above (Same mode) or 0
     * @param padLeft input columns of zero padding to the left
     * @param w       the weights, [outputs, 1, kH, kW] in C order
     * @param b       the biases, [outputs], or null for none
     * @param out     receives [n, outputs, outH, outW] in C order
     */
    void forward(float[] x, int n, int inH, int inW, int padTop, int padLeft, float[] w, float[] b, float[] out) {
        int outputs = shape.outputs();
        int kH = shape.kH();
        int kW = shape.kW();
        int outW = shape.outW();
        int span = shape.span();
        for (int image = 0; image < n; image++) {
            copies.fill(x, image, inH, inW, padTop, padLeft);
            for (int o = 0; o < outputs; o++) {
                Arrays.fill(plane, b == null ? 0f : b[o]);
                for (int u = 0; u < kH; u++) {
                    int first = (o * kH + u) * kW;
                    int row = u * outW;
                    if (kW == 5) {
                        fiveTaps(w, first, row);
                    } else if (kW == 3) {
                        threeTaps(w, first, row);
                    } else {
                        for (int v = 0; v < kW; v++) {
                            tap(w[first + v], v * copies.copyLength() + row);
                        }
                    }
                }
                System.arraycopy(plane, 0, out, (image * outputs + o) * span, span);
            }
        }
    }

    private void tap(float weight, int from) {
        float[] shifted = copies.values();
        float[] sums = plane;
        FloatVector w0 = FloatVector.broadcast(SPECIES, weight);
        for (int i = 0; i < sums.length; i += LANES) {
            FloatVector.fromArray(SPECIES, shifted, from + i).fma(w0, FloatVector.fromArray(SPECIES, sums, i))
                    .intoArray(sums, i);
        }
    }

    /**
     * One kernel row of a 5-wide kernel (LeNet-5's). One method per kernel width the families use, so that the row's
     * weights are separate locals the JIT keeps in registers; other widths take {@link #tap} per column.
     */
    private void fiveTaps(float[] w, int first, int row) {
        float[] shifted = copies.values();
        float[] sums = plane;
        int c = copies.copyLength();
        FloatVector w0 = FloatVector.broadcast(SPECIES, w[first]);
        FloatVector w1 = FloatVector.broadcast(SPECIES, w[first + 1]);
        FloatVector w2 = FloatVector.broadcast(SPECIES, w[first + 2]);
        FloatVector w3 = FloatVector.broadcast(SPECIES, w[first + 3]);
        FloatVector w4 = FloatVector.broadcast(SPECIES, w[first + 4]);
        for (int i = 0; i < sums.length; i += LANES) {
            int p = row + i;
            FloatVector s = FloatVector.fromArray(SPECIES, sums, i);
            s = FloatVector.fromArray(SPECIES, shifted, p).fma(w0, s);
            s = FloatVector.fromArray(SPECIES, shifted, c + p).fma(w1, s);
            s = FloatVector.fromArray(SPECIES, shifted, 2 * c + p).fma(w2, s);
            s = FloatVector.fromArray(SPECIES, shifted, 3 * c + p).fma(w3, s);
            s = FloatVector.fromArray(SPECIES, shifted, 4 * c + p).fma(w4, s);
            s.intoArray(sums, i);
        }
    }

    /** One kernel row of a 3-wide kernel (the VGG-like families'), as {@link #fiveTaps}. */
    private void threeTaps(float[] w, int first, int row) {
        float[] shifted = copies.values();
        float[] sums = plane;
        int c = copies.copyLength();
        FloatVector w0 = FloatVector.broadcast(SPECIES, w[first]);
        FloatVector w1 = FloatVector.broadcast(SPECIES, w[first + 1]);
        FloatVector w2 = FloatVector.broadcast(SPECIES, w[first + 2]);
        for (int i = 0; i < sums.length; i += LANES) {
            int p = row + i;
            FloatVector s = FloatVector.fromArray(SPECIES, sums, i);
            s = FloatVector.fromArray(SPECIES, shifted, p).fma(w0, s);
            s = FloatVector.fromArray(SPECIES, shifted, c + p).fma(w1, s);
            s = FloatVector.fromArray(SPECIES, shifted, 2 * c + p).fma(w2, s);
            s.intoArray(sums, i);
        }
    }
}
