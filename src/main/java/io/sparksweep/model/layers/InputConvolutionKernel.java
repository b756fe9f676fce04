package io.sparksweep.model.layers;

import java.util.Arrays;

/**
 * The {@link InputGradientKernel} for JVMs without the vector API, and for output planes smaller than one vector.
 *
 * <p>Written so that C2 vectorises it: every inner loop is {@code acc[i] += a[i] * b[i]} over whole rows, all arrays
 * at the same index (C2 in Java 17 cannot vectorise a loop that stores into one float array while loading another
 * at a different offset, since the two might be the same array). So each padded input plane is first copied into
 * one shifted copy per kernel offset (u, v), and the output gradient into rows as wide as the padded input, zero
 * beyond the output width; the products pile up element-wise in one accumulator row per (o, u, v), summed once at
 * the end.
 */
final class InputConvolutionKernel implements InputGradientKernel {

    private final FirstLayerShape shape;
    /** Row stride of the padded planes: the output width plus the kernel's reach. */
    private final int stride;
    private final int planeLength;
    private final float[] padded;
    private final float[] gradientRows;
    private final float[][] shifted;
    private final float[][] weightSums;
    private final float[][] biasSums;

    InputConvolutionKernel(FirstLayerShape shape) {
        this.shape = shape;
        int outputs = shape.outputs();
        int kH = shape.kH();
        int kW = shape.kW();
        int outH = shape.outH();
        int outW = shape.outW();
        this.stride = outW + kW - 1;
        this.planeLength = outH * stride;
        this.padded = new float[(outH + kH) * stride];
        this.gradientRows = new float[planeLength];
        this.shifted = new float[kH * kW][planeLength];
        this.weightSums = new float[outputs * kH * kW][planeLength];
        this.biasSums = new float[outputs][planeLength];
    }

    @Override
    public FirstLayerShape shape() {
        return shape;
    }

    @Override
    public void gradients(float[] x, int n, int inH, int inW, float[] dy, int padTop, int padLeft, float[] dW,
                          float[] db) {
        for (float[] row : weightSums) {
            Arrays.fill(row, 0f);
        }
        for (float[] row : biasSums) {
            Arrays.fill(row, 0f);
        }
        int outputs = shape.outputs();
        int kH = shape.kH();
        int kW = shape.kW();
        int outH = shape.outH();
        int outW = shape.outW();
        int kernelPoints = kH * kW;
        int plane = shape.span();
        for (int b = 0; b < n; b++) {
            Arrays.fill(padded, 0f);
            for (int r = 0; r < inH; r++) {
                int row = r + padTop;
                if (row >= 0 && row < outH + kH - 1) {
                    int from = Math.max(0, -padLeft);
                    int to = Math.min(inW, stride - padLeft);
                    if (to > from) {
                        System.arraycopy(x, (b * inH + r) * inW + from, padded, row * stride + padLeft + from,
                                to - from);
                    }
                }
            }
            for (int k = 0; k < kernelPoints; k++) {
                System.arraycopy(padded, (k / kW) * stride + k % kW, shifted[k], 0, planeLength);
            }
            for (int o = 0; o < outputs; o++) {
                int source = (b * outputs + o) * plane;
                for (int y = 0; y < outH; y++) {
                    System.arraycopy(dy, source + y * outW, gradientRows, y * stride, outW);
                }
                accumulate(biasSums[o], gradientRows);
                for (int k = 0; k < kernelPoints; k++) {
                    multiplyAccumulate(weightSums[o * kernelPoints + k], gradientRows, shifted[k]);
                }
            }
        }
        for (int i = 0; i < weightSums.length; i++) {
            dW[i] = (float) sum(weightSums[i]);
        }
        for (int o = 0; o < outputs; o++) {
            db[o] = (float) sum(biasSums[o]);
        }
    }

    private static void multiplyAccumulate(float[] acc, float[] a, float[] b) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += a[i] * b[i];
        }
    }

    private static void accumulate(float[] acc, float[] a) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += a[i];
        }
    }

    private static double sum(float[] values) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < values.length; i += 4) {
            s0 += values[i];
            s1 += values[i + 1];
            s2 += values[i + 2];
            s3 += values[i + 3];
        }
        for (; i < values.length; i++) {
            s0 += values[i];
        }
        return s0 + s1 + s2 + s3;
    }
}
