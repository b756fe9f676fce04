package io.sparksweep.model.layers;

/**
 * Batch normalisation over the (N, H, W) axes of a C-order NCHW float array (H * W = 1 for dense input), in fused
 * loops: statistics in two passes, normalisation in one, backward in two (ND4J needs about ten passes for the
 * backward). Sums are kept in double with several independent accumulators, so neither precision nor the adder's
 * latency limits them.
 */
final class BatchNormKernel {

    private BatchNormKernel() {
    }

    /** Per-channel batch mean and biased variance (divided by N * H * W, as DL4J's batch norm uses it). */
    static void statistics(float[] x, int n, int c, int hw, double[] mean, double[] var) {
        double count = (double) n * hw;
        for (int ch = 0; ch < c; ch++) {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int b = 0; b < n; b++) {
                int i = (b * c + ch) * hw;
                int end = i + hw;
                for (; i + 3 < end; i += 4) {
                    s0 += x[i];
                    s1 += x[i + 1];
                    s2 += x[i + 2];
                    s3 += x[i + 3];
                }
                for (; i < end; i++) {
                    s0 += x[i];
                }
            }
            double mu = (s0 + s1 + s2 + s3) / count;
            s0 = s1 = s2 = s3 = 0;
            for (int b = 0; b < n; b++) {
                int i = (b * c + ch) * hw;
                int end = i + hw;
                for (; i + 3 < end; i += 4) {
                    double d0 = x[i] - mu, d1 = x[i + 1] - mu, d2 = x[i + 2] - mu, d3 = x[i + 3] - mu;
                    s0 += d0 * d0;
                    s1 += d1 * d1;
                    s2 += d2 * d2;
                    s3 += d3 * d3;
                }
                for (; i < end; i++) {
                    double d = x[i] - mu;
                    s0 += d * d;
                }
            }
            mean[ch] = mu;
            var[ch] = (s0 + s1 + s2 + s3) / count;
        }
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
            double g0 = 0, g1 = 0, gx0 = 0, gx1 = 0;
            for (int b = 0; b < n; b++) {
                int i = (b * c + ch) * hw;
                int end = i + hw;
                for (; i + 1 < end; i += 2) {
                    float d0 = dy[i], d1 = dy[i + 1];
                    g0 += d0;
                    g1 += d1;
                    gx0 += d0 * (x[i] - mu);
                    gx1 += d1 * (x[i + 1] - mu);
                }
                for (; i < end; i++) {
                    g0 += dy[i];
                    gx0 += dy[i] * (x[i] - mu);
                }
            }
            double invStd = 1.0 / Math.sqrt(var[ch] + eps);
            double sumDy = g0 + g1;
            double sumDyCentred = gx0 + gx1;
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
