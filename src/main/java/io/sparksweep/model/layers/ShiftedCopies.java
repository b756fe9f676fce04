package io.sparksweep.model.layers;

import java.util.Arrays;

/**
 * One image of a single-channel convolution's input laid out so that flat loops over an output plane meet every
 * kernel offset at a fixed distance: {@code kW} copies of the zero-padded image, copy {@code v} holding it from column
 * {@code v} on, each row {@code outW} wide. Input element {@code (y + u, x + v)} then sits in copy {@code v} at
 * {@code u * outW} past where {@code (y, x)} sits in an output plane. Shared by the first conv layer's vector kernels
 * ({@link VectorInputConvolutionKernel} backward, {@link VectorInputConvolutionForward} forward).
 */
final class ShiftedCopies {

    private final FirstLayerShape shape;
    /** Length of one copy: every padded input row the kernel reaches, {@code outW} wide. */
    private final int copyLength;
    private final float[] values;

    /**
     * @param slack zeros after the last copy, for loops that read a whole vector past a plane's end
     */
    ShiftedCopies(FirstLayerShape shape, int slack) {
        this.shape = shape;
        this.copyLength = (shape.outH() + shape.kH() - 1) * shape.outW();
        this.values = new float[shape.kW() * copyLength + slack];
    }

    /** Where copy {@code v} starts in {@link #values}: {@code v * copyLength()}. */
    int copyLength() {
        return copyLength;
    }

    /** The copies, one after the other; valid until the next {@link #fill}. */
    float[] values() {
        return values;
    }

    /** Copy {@code v}, row {@code r}, column {@code c} = image {@code b}'s padded row {@code r}, column {@code c + v}. */
    void fill(float[] x, int b, int inH, int inW, int padTop, int padLeft) {
        Arrays.fill(values, 0f);
        int kW = shape.kW();
        int outW = shape.outW();
        int rows = shape.outH() + shape.kH() - 1;
        for (int v = 0; v < kW; v++) {
            int from = Math.max(0, padLeft - v);
            int to = Math.min(outW, inW + padLeft - v);
            for (int r = 0; r < rows && to > from; r++) {
                int inRow = r - padTop;
                if (inRow >= 0 && inRow < inH) {
                    System.arraycopy(x, (b * inH + inRow) * inW + from + v - padLeft, values,
                            v * copyLength + r * outW + from, to - from);
                }
            }
        }
    }
}
