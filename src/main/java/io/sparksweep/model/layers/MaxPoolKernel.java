package io.sparksweep.model.layers;

import java.util.Arrays;

/**
 * Max pooling without padding over C-order planes ({@code N * C} planes of {@code inH x inW} floats), remembering
 * where each window's maximum was, so the backward pass is one scatter instead of libnd4j's forward re-run plus
 * oneDNN's backward. Ties go to the first maximum in row-major window order, as in oneDNN (a window of ReLU zeros
 * or saturated ELU -1s is common).
 */
final class MaxPoolKernel {

    private MaxPoolKernel() {
    }

    /** {@code (in - kernel) / stride + 1}: the output side without padding. */
    static int outputSize(int in, int kernel, int stride) {
        return (in - kernel) / stride + 1;
    }

    /** Window maxima into {@code y} and their indices in {@code x} into {@code argmax}. */
    static void forward(float[] x, int planes, int inH, int inW, int kH, int kW, int sH, int sW, float[] y,
                        int[] argmax) {
        if (kH == 2 && kW == 2 && sH == 2 && sW == 2) {
            forward2x2(x, planes, inH, inW, y, argmax);
        } else {
            forwardAnyWindow(x, planes, inH, inW, kH, kW, sH, sW, y, argmax);
        }
    }

    /**
     * The common 2x2, stride-2 window without data-dependent branches (about 2.6x faster than the general loop: which
     * element is largest is a coin toss the branch predictor loses), same result and tie order.
     */
    private static void forward2x2(float[] x, int planes, int inH, int inW, float[] y, int[] argmax) {
        int outH = outputSize(inH, 2, 2);
        int outW = outputSize(inW, 2, 2);
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int plane = p * inH * inW;
            for (int oh = 0; oh < outH; oh++) {
                int rowStart = plane + 2 * oh * inW;
                for (int ow = 0; ow < outW; ow++, o++) {
                    int i = rowStart + 2 * ow;
                    float a = x[i], b = x[i + 1], c = x[i + inW], d = x[i + inW + 1];
                    int top = b > a ? i + 1 : i;
                    int bottom = d > c ? i + inW + 1 : i + inW;
                    float topMax = Math.max(a, b);
                    float bottomMax = Math.max(c, d);
                    argmax[o] = bottomMax > topMax ? bottom : top;
                    y[o] = Math.max(topMax, bottomMax);
                }
            }
        }
    }

    private static void forwardAnyWindow(float[] x, int planes, int inH, int inW, int kH, int kW, int sH, int sW,
                                         float[] y, int[] argmax) {
        int outH = outputSize(inH, kH, sH);
        int outW = outputSize(inW, kW, sW);
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int plane = p * inH * inW;
            for (int oh = 0; oh < outH; oh++) {
                int rowStart = plane + oh * sH * inW;
                for (int ow = 0; ow < outW; ow++, o++) {
                    int corner = rowStart + ow * sW;
                    int best = corner;
                    float max = x[corner];
                    for (int kh = 0; kh < kH; kh++) {
                        int row = corner + kh * inW;
                        for (int kw = 0; kw < kW; kw++) {
                            float v = x[row + kw];
                            if (v > max) {
                                max = v;
                                best = row + kw;
                            }
                        }
                    }
                    y[o] = max;
                    argmax[o] = best;
                }
            }
        }
    }

    /** The input gradient: each output gradient goes to its window's maximum (summed where windows overlap). */
    static void backward(float[] dy, int[] argmax, float[] dx) {
        Arrays.fill(dx, 0f);
        for (int o = 0; o < dy.length; o++) {
            dx[argmax[o]] += dy[o];
        }
    }
}
