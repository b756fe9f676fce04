package io.sparksweep.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import io.sparksweep.testing.ArrayAsserts;
import io.sparksweep.testing.TestNetworks;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The conv layers that call oneDNN directly, on what the family networks do not exercise: no bias, the identity, a
 * stride-2 Same layer, batch sizes that change between steps (a plan per geometry), and a backward pass whose input is
 * not the one the last forward pass saw.
 */
class OneDnnConvolutionTest {

    private static final String OURS = OneDnnConvolutionLayer.class.getName();
    private static final String DL4J = ConvolutionLayer.class.getName();

    /** First conv, then ReLU without bias, then identity with stride 2 (Same: padding only at the bottom/right). */
    private static MultiLayerConfiguration network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .cacheMode(CacheMode.DEVICE)
                .list()
                .layer(new InputConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).convolutionMode(ConvolutionMode.Same).hasBias(false)
                        .activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(8).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
        return FusedLayers.swapIn(conf);
    }

    private static void useDirectSums(MultiLayerNetwork net) {
        for (Layer layer : net.getLayers()) {
            if (layer instanceof OneDnnConvolution conv) {
                conv.algorithm = OneDnnConvolutionPlan.Algorithm.DIRECT;
            }
        }
    }

    @Test
    void changingBatchSizesGiveDl4jsGradients() {
        String json = network().toJson();
        assertTrue(json.contains(OURS), "both conv layers after the first are swapped in");
        MultiLayerNetwork ours = TestNetworks.seeded(json);
        useDirectSums(ours);
        MultiLayerNetwork reference = TestNetworks.seeded(json.replace(OURS, DL4J));
        reference.setParams(ours.params().dup());
        Random random = new Random(21);
        for (int size : new int[] {16, 7, 16}) {
            DataSet batch = TestNetworks.batch(random, size);
            for (MultiLayerNetwork net : new MultiLayerNetwork[] {reference, ours}) {
                net.setInput(batch.getFeatures());
                net.setLabels(batch.getLabels());
                net.computeGradientAndScore();
            }
            ArrayAsserts.assertClose("gradient, batch of " + size, reference.gradient().gradient(),
                    ours.gradient().gradient(), 1e-5);
            ArrayAsserts.assertClose("inference output, batch of " + size, reference.output(batch.getFeatures()),
                    ours.output(batch.getFeatures()), 1e-5);
        }
        for (int i = 1; i <= 2; i++) {
            OneDnnConvolution conv = assertInstanceOf(OneDnnConvolution.class, ours.getLayer(i));
            assertEquals(3, conv.directBackprops, "layer " + i + " took DL4J's backward pass");
            assertEquals(6, conv.directForwards, "layer " + i + " took DL4J's forward pass");
        }
    }

    @Test
    void aBackwardPassAfterAnotherInputsForwardPassUsesItsOwnInput() {
        MultiLayerNetwork ours = TestNetworks.seeded(network().toJson());
        OneDnnConvolution conv = assertInstanceOf(OneDnnConvolution.class, ours.getLayer(1));
        conv.algorithm = OneDnnConvolutionPlan.Algorithm.DIRECT;
        MultiLayerNetwork reference = TestNetworks.seeded(network().toJson().replace(OURS, DL4J));
        reference.setParams(ours.params().dup());
        ours.initGradientsView();
        reference.initGradientsView();
        Layer dl4j = reference.getLayer(1);
        INDArray first = Nd4j.rand(DataType.FLOAT, 5, 4, 28, 28);
        INDArray second = Nd4j.rand(DataType.FLOAT, 5, 4, 28, 28);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 5, 6, 28, 28);
        LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
        // DL4J's layer trained on the second input alone is what the backward pass must match.
        dl4j.setInput(second, workspaces);
        dl4j.activate(true, workspaces);
        Pair<Gradient, INDArray> expected = dl4j.backpropGradient(epsilon.dup(), workspaces);
        conv.setInput(first, workspaces);
        conv.activate(true, workspaces);
        conv.setInput(second, workspaces);
        Pair<Gradient, INDArray> actual = conv.backpropGradient(epsilon.dup(), workspaces);
        assertEquals(1, conv.directBackprops);
        ArrayAsserts.assertClose("input gradient", expected.getSecond(), actual.getSecond(), 1e-5);
        ArrayAsserts.assertClose("weight gradient", expected.getFirst().getGradientFor("W"),
                actual.getFirst().getGradientFor("W"), 1e-5);
    }
}
