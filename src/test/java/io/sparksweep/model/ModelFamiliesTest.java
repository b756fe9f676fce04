package io.sparksweep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class ModelFamiliesTest {

    static List<String> families() {
        return ModelFamilies.names();
    }

    private static ModelSettings settings(String family, double dropout, int kernelSize, int filters, int stride) {
        return new ModelSettings(family, "adam", 1e-3, dropout, kernelSize, filters, stride, 0.0);
    }

    private static long numParams(ModelSettings s) {
        MultiLayerNetwork net = new MultiLayerNetwork(ModelFamilies.build(s));
        net.init();
        return net.numParams();
    }

    @Test
    void namesAndDefaults() {
        assertEquals(List.of("lenet5", "minivgg", "baseline", "deep", "stride", "vgglike"), ModelFamilies.names());
        assertEquals(5, ModelFamilies.defaultKernelSize("lenet5"));
        assertEquals(6, ModelFamilies.defaultFilters("lenet5"));
        assertEquals(3, ModelFamilies.defaultKernelSize("baseline"));
        assertEquals(32, ModelFamilies.defaultFilters("baseline"));
        assertEquals(20, ModelFamilies.defaultFilters("stride"));
    }

    @Test
    void strideFamilyMatchesTheReferenceParameterCounts() {
        // stride 1: conv 3x3x1x20+20 = 200, 3x3x20x40+40 = 7,240, 3x3x40x80+80 = 28,880 (28-26-24-22),
        // dense 22*22*80 = 38,720 -> 100: 3,872,100, output 100 -> 10: 1,010
        assertEquals(3_909_430, numParams(settings("stride", 0, 0, 0, 1)));
        assertEquals(3_909_430, numParams(ModelSettings.defaults("stride")));
        // stride 2: 28-26-12-5, dense 5*5*80 = 2,000 -> 100: 200,100
        assertEquals(237_430, numParams(settings("stride", 0, 0, 0, 2)));
    }

    @Test
    void lenet5ParameterCount() {
        // conv 5x5x1x6+6 = 156, BN 4x6 = 24, conv 5x5x6x16+16 = 2,416, BN 4x16 = 64, dense 400->120 48,120,
        // dense 120->84 10,164, output 84->10 850
        assertEquals(61_794, numParams(ModelSettings.defaults("lenet5")));
        // without the BN running mean/variance (2x6 + 2x16 = 44)
        assertEquals(61_750, ModelCost.of(ModelFamilies.build(ModelSettings.defaults("lenet5"))).trainableParameters());
    }

    @Test
    void filtersAndKernelSizeRescaleTheFamily() {
        // stride, filters 10: 10/20/40 filters. conv 9*1*10+10 = 100, 9*10*20+20 = 1,820, 9*20*40+40 = 7,240,
        // dense 22*22*40 = 19,360 -> 100: 1,936,100, output 1,010
        assertEquals(1_946_270, numParams(settings("stride", 0, 0, 10, 0)));
        // stride, kernel 5: 28-24-20-16. conv 25*20+20 = 520, 25*20*40+40 = 20,040, 25*40*80+80 = 80,080,
        // dense 16*16*80 = 20,480 -> 100: 2,048,100, output 1,010
        assertEquals(2_149_750, numParams(settings("stride", 0, 5, 0, 0)));
        // baseline, 64 filters 5x5: conv 25*64+64 = 1,664, 28-24-pool-12, dense 12*12*64 = 9,216 -> 100: 921,700,
        // output 1,010
        assertEquals(924_374, numParams(settings("baseline", 0, 5, 64, 0)));
        // lenet5, filters 8: second conv round(16 * 8 / 6) = round(21.33) = 21. conv 25*8+8 = 208, BN 32,
        // conv 25*8*21+21 = 4,221, BN 84, dense 5*5*21 = 525 -> 120: 63,120, dense 10,164, output 850
        assertEquals(78_679, numParams(settings("lenet5", 0, 0, 8, 0)));
        ConvolutionLayer second = (ConvolutionLayer) ModelFamilies.build(settings("lenet5", 0, 0, 8, 0))
                .getConf(4).getLayer();
        assertEquals(21, second.getNOut());
        // never fewer than one filter: deep, filters 1 -> 1,1,2,2,4,4
        ConvolutionLayer first = (ConvolutionLayer) ModelFamilies.build(settings("deep", 0, 0, 1, 0))
                .getConf(0).getLayer();
        assertEquals(1, first.getNOut());
    }

    @ParameterizedTest
    @MethodSource("families")
    void everyFamilyMapsRowsOf784ToProbabilities(String family) {
        MultiLayerConfiguration conf = ModelFamilies.build(settings(family, 0.25, 0, 0, 0));
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray out = net.output(Nd4j.rand(DataType.FLOAT, 2, 784));
        assertArrayEquals(new long[] {2, 10}, out.shape());
        for (int row = 0; row < 2; row++) {
            assertEquals(1.0, out.getRow(row).sumNumber().doubleValue(), 1e-4, family);
        }
        Layer output = conf.getConf(conf.getConfs().size() - 1).getLayer();
        assertInstanceOf(ActivationSoftmax.class, ((OutputLayer) output).getActivationFn());
        assertInstanceOf(LossMCXENT.class, ((OutputLayer) output).getLossFn());
        assertEquals(WorkspaceMode.ENABLED, conf.getTrainingWorkspaceMode());
        assertEquals(WorkspaceMode.ENABLED, conf.getInferenceWorkspaceMode());
        assertEquals(net.numParams(), ModelCost.of(conf).parameters(), family);
    }

    @ParameterizedTest
    @MethodSource("families")
    void configurationSurvivesAJsonRoundTrip(String family) {
        for (String optimizer : ModelFamilies.optimizers()) {
            MultiLayerConfiguration conf = ModelFamilies.build(
                    new ModelSettings(family, optimizer, 0.01, 0.3, 0, 0, 0, 1e-4));
            assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()), family + "/" + optimizer);
        }
    }

    @Test
    void optimizersAreConfiguredAsAsked() {
        assertEquals(new Adam(0.01, 0.9, 0.999, 1e-8), updater("adam"));
        assertEquals(new Sgd(0.01), updater("sgd"));
        assertEquals(new Nesterovs(0.01, 0.9), updater("nesterovs"));
        assertEquals(new RmsProp(0.01), updater("rmsprop"));
    }

    private static Object updater(String optimizer) {
        MultiLayerConfiguration conf = ModelFamilies.build(new ModelSettings("baseline", optimizer, 0.01, 0, 0, 0, 0, 0));
        return ((BaseLayer) conf.getConf(0).getLayer()).getIUpdater();
    }

    @Test
    void dropoutIsTheProbabilityOfDropping() {
        MultiLayerConfiguration lenet = ModelFamilies.build(settings("lenet5", 0.3, 0, 0, 0));
        for (int i = 0; i < lenet.getConfs().size(); i++) {
            Layer layer = lenet.getConf(i).getLayer();
            if (i == 9) { // dense 84, after dense 120
                assertEquals(0.7, ((Dropout) layer.getIDropout()).getP(), 1e-12);
            } else {
                assertNull(layer.getIDropout(), "layer " + i);
            }
        }
        MultiLayerConfiguration baseline = ModelFamilies.build(settings("baseline", 0.3, 0, 0, 0));
        assertEquals(0.7, ((Dropout) baseline.getConf(3).getLayer().getIDropout()).getP(), 1e-12);
        MultiLayerConfiguration none = ModelFamilies.build(settings("baseline", 0.0, 0, 0, 0));
        none.getConfs().forEach(c -> assertNull(c.getLayer().getIDropout()));
    }

    @Test
    void activationsAndWeightInit() {
        MultiLayerConfiguration deep = ModelFamilies.build(ModelSettings.defaults("deep"));
        // conv (linear, He init) - BN - ReLU as its own layer
        ConvolutionLayer conv = (ConvolutionLayer) deep.getConf(0).getLayer();
        assertInstanceOf(WeightInitRelu.class, conv.getWeightInitFn());
        assertInstanceOf(BatchNormalization.class, deep.getConf(1).getLayer());
        assertInstanceOf(ActivationReLU.class, ((ActivationLayer) deep.getConf(2).getLayer()).getActivationFn());
        MultiLayerConfiguration lenet = ModelFamilies.build(ModelSettings.defaults("lenet5"));
        assertInstanceOf(WeightInitXavier.class, ((ConvolutionLayer) lenet.getConf(0).getLayer()).getWeightInitFn());
        assertInstanceOf(ActivationELU.class, ((ActivationLayer) lenet.getConf(2).getLayer()).getActivationFn());
        MultiLayerConfiguration baseline = ModelFamilies.build(ModelSettings.defaults("baseline"));
        assertInstanceOf(WeightInitRelu.class, ((ConvolutionLayer) baseline.getConf(0).getLayer()).getWeightInitFn());
        assertInstanceOf(WeightInitXavier.class, ((OutputLayer) baseline.getConf(3).getLayer()).getWeightInitFn());
    }

    @Test
    void l2IsWeightDecayOnlyWhenPositive() {
        BaseLayer with = (BaseLayer) ModelFamilies.build(new ModelSettings("baseline", "sgd", 0.1, 0, 0, 0, 0, 5e-4))
                .getConf(0).getLayer();
        assertEquals(1, with.getRegularization().size());
        BaseLayer without = (BaseLayer) ModelFamilies.build(ModelSettings.defaults("baseline")).getConf(0).getLayer();
        assertTrue(without.getRegularization().isEmpty());
    }

    @Test
    void badSettingsNameTheField() {
        assertField("family", settings("resnet", 0, 0, 0, 0));
        assertField("family", settings(null, 0, 0, 0, 0));
        assertField("optimizer", new ModelSettings("lenet5", "adagrad", 1e-3, 0, 0, 0, 0, 0));
        assertField("learningRate", new ModelSettings("lenet5", "adam", 0, 0, 0, 0, 0, 0));
        assertField("dropout", settings("lenet5", 1.0, 0, 0, 0));
        assertField("l2", new ModelSettings("lenet5", "adam", 1e-3, 0, 0, 0, 0, -1));
        assertField("filters", settings("lenet5", 0, 0, -4, 0));
        // lenet5: conv1 (Same) 28 -> pool 14 -> a valid 15x15 conv cannot fit
        assertField("kernelSize", settings("lenet5", 0, 15, 0, 0));
        // baseline: a 28x28 valid conv leaves 1x1, too small for the 2x2 pooling
        assertField("kernelSize", settings("baseline", 0, 28, 0, 0));
        // stride 30: 28 -> 26 -> 1, then a 3x3 conv
        assertField("stride", settings("stride", 0, 0, 0, 30));
        assertField("stride", settings("lenet5", 0, 0, 0, 2));
    }

    private static void assertField(String field, ModelSettings s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFamilies.build(s));
        assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
}
