package io.sparksweep.model;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measured inference latency: wall time of {@code net.output(batch)} on random input, per image. The network is
 * freshly initialised (weights do not change the cost), runs in the calling thread with ND4J's own threading.
 */
public final class LatencyProbe {

    private LatencyProbe() {
    }

    /**
     * @return median over {@code timedBatches} batches of (batch wall time / batchSize), in microseconds per image
     */
    public static double measure(MultiLayerConfiguration conf, int batchSize, int warmupBatches, int timedBatches) {
        return measure(conf, ModelCost.inputType(conf), batchSize, warmupBatches, timedBatches);
    }

    /** As {@link #measure(MultiLayerConfiguration, int, int, int)}, for an explicit input type. */
    public static double measure(MultiLayerConfiguration conf, InputType input, int batchSize, int warmupBatches,
                                 int timedBatches) {
        if (batchSize < 1 || warmupBatches < 0 || timedBatches < 1) {
            throw new IllegalArgumentException("batchSize and timedBatches must be >= 1, warmupBatches >= 0, got "
                    + batchSize + ", " + timedBatches + ", " + warmupBatches);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
        net.init();
        try {
            long[] shape = input.getShape(true);
            shape[0] = batchSize;
            INDArray x = Nd4j.rand(DataType.FLOAT, shape);
            for (int i = 0; i < warmupBatches; i++) {
                net.output(x);
            }
            double[] micros = new double[timedBatches];
            for (int i = 0; i < timedBatches; i++) {
                long start = System.nanoTime();
                net.output(x);
                micros[i] = (System.nanoTime() - start) / 1e3 / batchSize;
            }
            return median(micros);
        } finally {
            net.close();
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
