package io.sparksweep.model.layers;

/**
 * Batch normalisation over the (N, H, W) axes of a C-order NCHW float array (H * W = 1 for dense input), in fused
 * loops: statistics in two passes, normalisation in one, backward in two (ND4J needs about ten passes for the
 * backward). Each row (one example's H * W values of one channel) is summed in eight float lanes, which neither the
 * adder's latency nor a float-to-double conversion per element slows down (2x the double loop), and rows are added
 * up in double, so no float partial sum spans more than H * W / 8 values.
 */
final class BatchNormKernel {

    private BatchNormKernel() {
    }

    /** Per-channel batch mean and biased variance (divided by N * H * W, as DL4J's batch norm uses it). */
    static void statistics(float[] x, int n, int c, int hw, double[] mean, double[] var) {
        double count = (double) n * hw;
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int b = 0; b < n; b++) {
                int from = (b * c + ch) * hw;
                sum += rowSum(x, from, from + hw);
            }
            double mu = sum / count;
            float muF = (float) mu;
            double squares = 0;
            for (int b = 0; b < n; b++) {
                int from = (b * c + ch) * hw;
                squares += rowSquares(x, from, from + hw, muF);
            }
            mean[ch] = mu;
            var[ch] = squares / count;
        }
    }

    /**
     * Sum of one row ({@code H * W} values of one example and channel) in eight float lanes, which C2 keeps in
     * registers; rows are added up in double, so a lane sums at most {@code H * W / 8} values in float.
     */
    private static float rowSum(float[] x, int from, int to) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        for (; i + 7 < to; i += 8) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
            s4 += x[i + 4];
            s5 += x[i + 5];
            s6 += x[i + 6];
            s7 += x[i + 7];
        }
        for (; i < to; i++) {
            s0 += x[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** Sum of {@code (x - mu)^2} over one row, as {@link #rowSum}. */
    private static float rowSquares(float[] x, int from, int to, float mu) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        for (; i + 7 < to; i += 8) {
            float d0 = x[i] - mu, d1 = x[i + 1] - mu, d2 = x[i + 2] - mu, d3 = x[i + 3] - mu;
            float d4 = x[i + 4] - mu, d5 = x[i + 5] - mu, d6 = x[i + 6] - mu, d7 = x[i + 7] - mu;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
            s4 += d4 * d4;
            s5 += d5 * d5;
            s6 += d6 * d6;
            s7 += d7 * d7;
        }
        for (; i < to; i++) {
            float d = x[i] - mu;
            s0 += d * d;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** Sum of {@code dy * (x - mu)} over one row, as {@link #rowSum}. */
    private static float rowDot(float[] dy, float[] x, int from, int to, float mu) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        for (; i + 7 < to; i += 8) {
            s0 += dy[i] * (x[i] - mu);
            s1 += dy[i + 1] * (x[i + 1] - mu);
            s2 += dy[i + 2] * (x[i + 2] - mu);
            s3 += dy[i + 3] * (x[i + 3] - mu);
            s4 += dy[i + 4] * (x[i + 4] - mu);
            s5 += dy[i + 5] * (x[i + 5] - mu);
            s6 += dy[i + 6] * (x[i + 6] - mu);
            s7 += dy[i + 7] * (x[i + 7] - mu);
        }
        for (; i < to; i++) {
            s0 += dy[i] * (x[i] - mu);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** {@code y = gamma * (x - mean) / sqrt(var + eps) + beta}, per channel. */
    static void normalise(float[] x, int n, int c, int hw, double[] mean, double[] var, float[] gamma, float[] beta,
                          double eps, float[] y) {
        for (int ch = 0; ch < c; ch++) {
            double scale = gamma[ch] / Math.sqrt(var[ch] + eps);
            float k = (float) scale;
            float shift = (float) (beta[ch] - mean[ch] * scale);
            for (int b = 0; b < n; b++) {
                int start = (b * c + ch) * hw;
                int end = start + hw;
                for (int i = start; i < end; i++) {
                    y[i] = x[i] * k + shift;
                }
            }
        }
    }

    /**
     * Gradients of the loss with respect to the input ({@code dx}), gamma and beta, given the gradient {@code dy} at
     * the output and the batch statistics the forward pass used:
     * {@code dx = gamma / std * (dy - mean(dy) - xhat * mean(dy * xhat))}.
     */
    static void backward(float[] x, float[] dy, int n, int c, int hw, double[] mean, double[] var, float[] gamma,
                         double eps, float[] dx, float[] dGamma, float[] dBeta) {
        double count = (double) n * hw;
        for (int ch = 0; ch < c; ch++) {
            float mu = (float) mean[ch];
            double sumDy = 0, sumDyCentred = 0;
            for (int b = 0; b < n; b++) {
                int from = (b * c + ch) * hw;
                sumDy += rowSum(dy, from, from + hw);
                sumDyCentred += rowDot(dy, x, from, from + hw, mu);
            }
            double invStd = 1.0 / Math.sqrt(var[ch] + eps);
            dBeta[ch] = (float) sumDy;
            dGamma[ch] = (float) (sumDyCentred * invStd);
            float k = (float) (gamma[ch] * invStd);
            float meanDy = (float) (sumDy / count);
            float slope = (float) (sumDyCentred * invStd * invStd / count);
            for (int b = 0; b < n; b++) {
                int start = (b * c + ch) * hw;
                int end = start + hw;
                for (int i = start; i < end; i++) {
                    dx[i] = k * (dy[i] - meanDy - (x[i] - mu) * slope);
                }
            }
        }
    }
}
