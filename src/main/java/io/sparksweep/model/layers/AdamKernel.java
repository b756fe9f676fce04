package io.sparksweep.model.layers;

/**
 * One Adam step over a range of a network's flattened gradient, fused with the division by the minibatch size that
 * DL4J does as a separate pass. The gradient, the first moment and the second moment are indexed alike (all three
 * arrays span the whole network), so the JIT vectorises the loop; the arithmetic follows libnd4j's
 * {@code adam_updater} in float, operation for operation.
 */
final class AdamKernel {

    private AdamKernel() {
    }

    /**
     * Elements {@code [from, to)}: {@code g} becomes the update that DL4J's step function subtracts from the
     * parameters, {@code m} and {@code v} the new moments.
     *
     * @param batch     the minibatch size the gradient is divided by (1 for parameters DL4J does not divide)
     * @param iteration the 0-based update count, as DL4J passes it to its updaters
     */
    static void step(float[] g, float[] m, float[] v, int from, int to, float batch, double learningRate,
                     double beta1, double beta2, double epsilon, int iteration) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float eps = (float) epsilon;
        float beta1T = (float) Math.pow(b1, iteration + 1);
        float beta2T = (float) Math.pow(b2, iteration + 1);
        float alphaT = (float) (learningRate * Math.sqrt(1f - beta2T) / (1f - beta1T));
        if (!Float.isFinite(alphaT) || alphaT == 0f) {
            alphaT = eps; // libnd4j's guard for a degenerate bias correction
        }
        float oneMinusB1 = 1f - b1;
        float oneMinusB2 = 1f - b2;
        for (int i = from; i < to; i++) {
            float grad = g[i] / batch;
            float moment = b1 * m[i] + grad * oneMinusB1;
            float square = b2 * v[i] + grad * grad * oneMinusB2;
            m[i] = moment;
            v[i] = square;
            g[i] = moment * alphaT / ((float) Math.sqrt(square) + eps);
        }
    }

    /** Elements {@code [from, to)} of {@code g} divided by the minibatch size: DL4J's {@code NoOp} blocks. */
    static void divide(float[] g, int from, int to, float batch) {
        for (int i = from; i < to; i++) {
            g[i] = g[i] / batch;
        }
    }
}
