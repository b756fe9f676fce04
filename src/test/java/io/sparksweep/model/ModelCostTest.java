package io.sparksweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ModelCostTest {

    private static ModelCost cost(String family, int stride) {
        return ModelCost.of(ModelFamilies.build(
                new ModelSettings(family, "adam", 1e-3, 0.5, 0, 0, stride, 0)));
    }

    @Test
    void strideFamilyMacsAndFlops() {
        ModelCost c = cost("stride", 1);
        // conv1 26*26*20*(9*1)   =    121,680
        // conv2 24*24*40*(9*20)  =  4,147,200
        // conv3 22*22*80*(9*40)  = 13,939,200
        // dense 38,720*100       =  3,872,000
        // out   100*10           =      1,000
        assertEquals(22_081_080, c.macs());
        // 2 * MACs = 44,162,160, plus one FLOP per activated element:
        // ReLU 26*26*20 = 13,520, 24*24*40 = 23,040, 22*22*80 = 38,720, dense 100, softmax 10 -> 75,390
        assertEquals(44_237_550, c.flops());
        assertEquals(3_909_430, c.parameters());
        assertEquals(3_909_430, c.trainableParameters());
        assertEquals(List.of("26x26x20", "24x24x40", "22x22x80", "100", "10"),
                c.layers().stream().map(ModelCost.LayerCost::outputShape).toList());
        assertEquals(List.of(3, 5, 7, 0, 0), c.layers().stream().map(ModelCost.LayerCost::receptiveField).toList());

        ModelCost s2 = cost("stride", 2);
        // 121,680 + 12*12*40*180 = 1,036,800 + 5*5*80*360 = 720,000 + 2,000*100 = 200,000 + 1,000
        assertEquals(2_079_480, s2.macs());
        assertEquals(237_430, s2.parameters());
        // r: 3; 3 + 2*1 = 5 (j 2); 5 + 2*2 = 9 (j 4)
        assertEquals(List.of(3, 5, 9), s2.layers().subList(0, 3).stream().map(ModelCost.LayerCost::receptiveField).toList());
        assertEquals(List.of(1, 2, 4), s2.layers().subList(0, 3).stream().map(ModelCost.LayerCost::jump).toList());
    }

    @Test
    void lenet5MacsFlopsAndReceptiveFields() {
        ModelCost c = cost("lenet5", 0);
        // layers: 0 conv, 1 BN, 2 ELU, 3 pool, 4 conv, 5 BN, 6 ELU, 7 pool, 8 dense 120, 9 dense 84, 10 output
        assertEquals(11, c.layers().size());
        // conv1 28*28*6*(25*1)  = 117,600 (Same)
        // conv2 10*10*16*(25*6) = 240,000
        // dense 400*120 = 48,000, 120*84 = 10,080, output 84*10 = 840
        assertEquals(416_520, c.macs());
        // 2 * MACs = 833,040
        // BN1 2*4,704 = 9,408, ELU 4,704, pool1 (4-1)*14*14*6 = 3,528,
        // BN2 2*1,600 = 3,200, ELU 1,600, pool2 3*5*5*16 = 1,200, dense ELU 120 + 84, softmax 10 -> 23,854
        assertEquals(856_894, c.flops());
        assertEquals(61_794, c.parameters());
        assertEquals(61_750, c.trainableParameters());
        // conv 5x5/1: r 5 j 1; pool 2x2/2: r 5+1*1 = 6, j 2; conv 5x5/1: r 6+4*2 = 14, j 2; pool: r 14+1*2 = 16, j 4
        assertEquals(List.of(5, 5, 5, 6, 14, 14, 14, 16, 0, 0, 0),
                c.layers().stream().map(ModelCost.LayerCost::receptiveField).toList());
        assertEquals(List.of(1, 1, 1, 2, 2, 2, 2, 4, 0, 0, 0),
                c.layers().stream().map(ModelCost.LayerCost::jump).toList());
        assertEquals("28x28x6", c.layers().get(0).outputShape());
        assertEquals("5x5x16", c.layers().get(7).outputShape());
        assertEquals(24, c.layers().get(1).parameters());
        assertEquals("BatchNormalization", c.layers().get(1).type());
    }

    @Test
    void userConfigurationWithDropoutActivationAndBatchNormLayers() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(30).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new DropoutLayer.Builder(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(20))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        ModelCost c = ModelCost.of(conf);
        assertEquals(net.numParams(), c.parameters());
        // dense 20*30+30 = 630, BN 4*30 = 120, output 30*4+4 = 124
        assertEquals(874, c.parameters());
        assertEquals(874 - 60, c.trainableParameters());
        // MACs 600 + 120; FLOPs 1,440 + tanh 30 + BN 60 + ReLU 30 + softmax 4
        assertEquals(720, c.macs());
        assertEquals(1_564, c.flops());
        assertTrue(c.layers().stream().allMatch(l -> l.receptiveField() == 0));
    }

    @Test
    void explicitInputTypeForAConvolutionalInput() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).dilation(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(10, 10, 3))
                .build();
        assertThrows(IllegalArgumentException.class, () -> ModelCost.of(conf));
        ModelCost c = ModelCost.of(conf, InputType.convolutional(10, 10, 3));
        // dilated 3x3 spans 5: 10 -> 6; MACs 6*6*4*(9*3) = 3,888
        assertEquals("6x6x4", c.layers().get(0).outputShape());
        assertEquals(5, c.layers().get(0).receptiveField());
        assertEquals(3_888 + 144 * 2, c.macs());
    }

    @Test
    void unsupportedLayerIsNamed() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).build())
                .layer(new GlobalPoolingLayer.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(8, 8, 1))
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelCost.of(conf));
        assertTrue(e.getMessage().startsWith("layer 1 (GlobalPoolingLayer"), e.getMessage());
    }

    @Test
    void toJsonHasTheRecordFields() throws Exception {
        ModelCost c = cost("baseline", 0);
        JsonNode json = new ObjectMapper().readTree(c.toJson());
        assertEquals(c.parameters(), json.get("parameters").asLong());
        assertEquals(c.flops(), json.get("flops").asLong());
        assertEquals(c.layers().size(), json.get("layers").size());
        JsonNode conv = json.get("layers").get(0);
        assertEquals("ConvolutionLayer", conv.get("type").asText());
        assertEquals("26x26x32", conv.get("outputShape").asText());
        assertEquals(3, conv.get("receptiveField").asInt());
    }

    @Test
    void latencyProbeMeasuresMicrosecondsPerImage() {
        double micros = LatencyProbe.measure(ModelFamilies.build(ModelSettings.defaults("baseline")), 8, 1, 3);
        assertTrue(micros > 0 && Double.isFinite(micros), "latency " + micros);
    }
}
