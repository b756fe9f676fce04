package io.sparksweep.testing;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/** Networks and minibatches for tests that compare two implementations on the same weights and data. */
public final class TestNetworks {

    private TestNetworks() {
    }

    /** The network of {@code json}, initialised with seed 42 in every layer, so two calls give equal weights. */
    public static MultiLayerNetwork seeded(String json) {
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(json);
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            layer.setSeed(42);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** {@code size} rows of 784 floats in [0, 1) as the sweep feeds them, one-hot labels of 10 classes. */
    public static DataSet batch(Random random, int size) {
        float[] values = new float[size * 28 * 28];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        INDArray labels = Nd4j.zeros(DataType.FLOAT, size, 10);
        for (int i = 0; i < size; i++) {
            labels.putScalar(i, random.nextInt(10), 1f);
        }
        return new DataSet(Nd4j.create(values, new long[] {size, 28 * 28}), labels);
    }
}
