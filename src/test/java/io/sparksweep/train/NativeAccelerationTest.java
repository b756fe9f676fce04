package io.sparksweep.train;

import io.sparksweep.testing.ArrayAsserts;
import io.sparksweep.testing.RestoresHelperSwitch;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RestoresHelperSwitch.class)
class NativeAccelerationTest {

    private static final int BATCH = 16;

    @Test
    void oneDnnCheckPassesThanksToTheShim() {
        assertTrue(NativeAcceleration.oneDnnAvailable(),
                "DL4J's oneDNN check failed: is the -onednn native build on the classpath, and the shim?");
    }

    @Test
    void helpersBindPerNetworkAtInit() {
        NativeAcceleration.setLayerHelpers(false);
        assertFalse(NativeAcceleration.layerHelpersRequested());
        MultiLayerNetwork plain = network();
        NativeAcceleration.enableLayerHelpers();
        assertTrue(NativeAcceleration.layerHelpersRequested());
        MultiLayerNetwork accelerated = network();

        NativeAcceleration.HelperReport on = NativeAcceleration.helperReport(accelerated);
        NativeAcceleration.HelperReport off = NativeAcceleration.helperReport(plain);
        assertEquals(6, on.layers().size(), "2 conv + 2 BN + 2 pool layers are helper-capable: " + on);
        assertTrue(on.allActive(), on.toString());
        assertEquals("onednn 6/6 layers", on.summary());
        assertTrue(off.noneActive(), "plain network built before the switch got helpers: " + off);
        assertEquals("built-in", off.summary());
    }

    @Test
    void acceleratedForwardAndGradientMatchBuiltInPath() {
        NativeAcceleration.setLayerHelpers(false);
        MultiLayerNetwork plain = network();
        NativeAcceleration.enableLayerHelpers();
        MultiLayerNetwork accelerated = network();
        accelerated.setParams(plain.params().dup());

        Random random = new Random(7);
        INDArray features = Nd4j.create(randomFloats(random, BATCH * 28 * 28), new long[]{BATCH, 1, 28, 28});
        INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
        for (int i = 0; i < BATCH; i++) {
            labels.putScalar(i, random.nextInt(10), 1f);
        }

        assertClose("inference output", plain.output(features, false), accelerated.output(features, false));
        // Training mode: batch statistics in BN, dropout-free, so still deterministic.
        assertClose("training output", plain.output(features, true), accelerated.output(features, true));

        plain.setInput(features);
        plain.setLabels(labels);
        plain.computeGradientAndScore();
        accelerated.setInput(features);
        accelerated.setLabels(labels);
        accelerated.computeGradientAndScore();

        assertEquals(plain.score(), accelerated.score(), 1e-5 * Math.abs(plain.score()));
        INDArray plainGrad = plain.gradient().gradient();
        INDArray accelGrad = accelerated.gradient().gradient();
        assertTrue(plainGrad.amaxNumber().doubleValue() > 0, "zero gradient would make the comparison vacuous");
        assertClose("gradient", plainGrad, accelGrad);

        // Checked last: a helper that threw during the passes above is silently replaced by the built-in path.
        assertTrue(NativeAcceleration.helperReport(accelerated).allActive(),
                NativeAcceleration.helperReport(accelerated).toString());
        assertTrue(NativeAcceleration.helperReport(plain).noneActive());
    }

    @Test
    void threadSettingAppliesToTheCallingThreadOnly() throws Exception {
        NativeAcceleration.ThreadSettings before = NativeAcceleration.currentThreadSettings();
        int[] seenByOtherThread = new int[1];
        Thread other = new Thread(() -> {
            NativeAcceleration.useThreadsOnCurrentThread(1);
            seenByOtherThread[0] = NativeAcceleration.currentThreadSettings().ompThreads();
        });
        other.start();
        other.join();
        try {
            assertEquals(1, seenByOtherThread[0]);
            assertEquals(1, NativeAcceleration.currentThreadSettings().poolMaxThreads(), "pool cap is process-wide");
            if (before.ompThreads() > 1) {
                assertEquals(before.ompThreads(), NativeAcceleration.currentThreadSettings().ompThreads(),
                        "another thread's OpenMP setting leaked into this one");
            }
        } finally {
            Nd4j.getEnvironment().setMaxMasterThreads(before.poolMaxThreads());
        }
    }

    /** LeNet-5 as the sweep uses it: conv-BN-ELU-pool twice, two dense layers, softmax. */
    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(6).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.ELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.ELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(120).activation(Activation.ELU).build())
                .layer(new DenseLayer.Builder().nOut(84).activation(Activation.ELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static float[] randomFloats(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }

    private static void assertClose(String what, INDArray expected, INDArray actual) {
        ArrayAsserts.assertClose(what, expected, actual, 1e-5);
    }
}
