package io.sparksweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.stream.Stream;

import io.sparksweep.train.NativeAcceleration;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link InputConvolutionLayer} against DL4J's own {@link ConvolutionLayer} in the same network (same JSON apart
 * from layer 0's class, same parameters): forward outputs, score, gradients and parameters after a few Adam steps
 * agree to 1e-5 (relative, with a floor of 1e-5 of the array's largest value, as in NativeAccelerationTest).
 */
class InputConvolutionLayerTest {

    private static final int BATCH = 16;
    private static final String OURS = InputConvolutionLayer.class.getName();
    private static final String DL4J = ConvolutionLayer.class.getName();

    private String savedProperty;

    @BeforeEach
    void saveProperty() {
        savedProperty = System.getProperty(NativeAcceleration.HELPERS_DISABLE_PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (savedProperty == null) {
            System.clearProperty(NativeAcceleration.HELPERS_DISABLE_PROPERTY);
        } else {
            System.setProperty(NativeAcceleration.HELPERS_DISABLE_PROPERTY, savedProperty);
        }
    }

    static Stream<Arguments> cases() {
        ModelSettings lenet = ModelSettings.defaults("lenet5");
        ModelSettings stride = new ModelSettings("stride", "adam", 1e-3, 0.0, 0, 0, 2, 0.0);
        ModelSettings deep = new ModelSettings("deep", "adam", 1e-3, 0.0, 0, 8, 0, 0.0);
        return Stream.of(
                Arguments.of("lenet5 (5x5 Same), oneDNN helpers", ModelFamilies.build(lenet), true),
                Arguments.of("lenet5 (5x5 Same), built-in layers", ModelFamilies.build(lenet), false),
                Arguments.of("stride (3x3 Truncate)", ModelFamilies.build(stride), true),
                Arguments.of("deep (3x3 Same)", ModelFamilies.build(deep), true),
                Arguments.of("stride-2 first conv (falls back to im2col)", strideTwoFirstConv(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameNumbersAsDl4jConvolutionLayer(String name, MultiLayerConfiguration conf, boolean helpers) {
        String json = conf.toJson();
        assertTrue(json.contains(OURS), "layer 0 should be " + OURS);
        NativeAcceleration.setLayerHelpers(helpers);
        MultiLayerNetwork ours = network(json);
        MultiLayerNetwork reference = network(json.replace(OURS, DL4J));
        assertInstanceOf(InputConvolution.class, ours.getLayer(0));
        assertEquals(org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class, reference.getLayer(0).getClass());
        reference.setParams(ours.params().dup());

        DataSet batch = batch(new Random(11));
        assertClose(name + ": inference output", reference.output(batch.getFeatures(), false),
                ours.output(batch.getFeatures(), false));
        assertClose(name + ": training output", reference.output(batch.getFeatures(), true),
                ours.output(batch.getFeatures(), true));

        for (MultiLayerNetwork net : new MultiLayerNetwork[] {reference, ours}) {
            net.setInput(batch.getFeatures());
            net.setLabels(batch.getLabels());
            net.computeGradientAndScore();
        }
        assertEquals(reference.score(), ours.score(), 1e-5 * Math.abs(reference.score()), name + ": score");
        INDArray expected = reference.gradient().gradient();
        assertTrue(reference.gradient().getGradientFor("0_W").amaxNumber().doubleValue() > 0,
                "zero first-layer gradient would make the comparison vacuous");
        assertClose(name + ": gradient", expected, ours.gradient().gradient());
        assertClose(name + ": layer 0 weight gradient", reference.gradient().getGradientFor("0_W"),
                ours.gradient().getGradientFor("0_W"));
        // A conv bias right before batch norm has zero gradient in exact arithmetic: its computed value is rounding
        // noise of either implementation (covered by the whole-gradient check above, not comparable on its own).
        boolean biasCancelledByBn = conf.getConf(1).getLayer() instanceof BatchNormalization;
        if (!biasCancelledByBn) {
            assertClose(name + ": layer 0 bias gradient", reference.gradient().getGradientFor("0_b"),
                    ours.gradient().getGradientFor("0_b"));
        }

        Random random = new Random(12);
        for (int step = 0; step < 3; step++) {
            DataSet next = batch(random);
            reference.fit(next);
            ours.fit(next);
        }
        // Adam turns that noise into steps of about the learning rate, so such a bias drifts apart, and with it batch
        // norm's running mean (both without effect on training: batch norm removes the bias; helpers on vs off do the
        // same); everything else must still agree, and so must the training-mode outputs.
        // The same holds for every conv bias before batch norm once the first step made the networks differ at all.
        java.util.Set<String> noise = new java.util.HashSet<>();
        for (int i = 0; i + 1 < conf.getConfs().size(); i++) {
            if (conf.getConf(i + 1).getLayer() instanceof BatchNormalization) {
                noise.add(i + "_b");
                noise.add((i + 1) + "_mean");
            }
        }
        for (String key : reference.paramTable().keySet()) {
            if (!noise.contains(key)) {
                assertClose(name + ": " + key + " after 3 Adam steps", reference.getParam(key), ours.getParam(key));
            }
        }
        assertClose(name + ": training output after 3 Adam steps", reference.output(batch.getFeatures(), true),
                ours.output(batch.getFeatures(), true));
        if (helpers) {
            assertTrue(NativeAcceleration.helperReport(ours).allActive(), NativeAcceleration.helperReport(ours).summary());
        }
    }

    @Test
    void inputGradientIsNotComputed() {
        MultiLayerNetwork net = network(ModelFamilies.build(ModelSettings.defaults("lenet5")).toJson());
        DataSet batch = batch(new Random(3));
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        net.feedForward(true, false);
        Pair<?, INDArray> result = net.getLayer(0).backpropGradient(Nd4j.ones(DataType.FLOAT, BATCH, 6, 28, 28),
                LayerWorkspaceMgr.noWorkspaces());
        assertArrayEquals(new long[] {BATCH, 1, 28, 28}, result.getSecond().shape());
        assertEquals(BATCH * 28 * 28, result.getSecond().isNaN().castTo(DataType.INT).sumNumber().intValue(),
                "the input gradient is NaN: not computed");
    }

    @Test
    void jsonRoundTripKeepsTheClass() {
        MultiLayerConfiguration conf = ModelFamilies.build(ModelSettings.defaults("lenet5"));
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertInstanceOf(InputConvolutionLayer.class, back.getConf(0).getLayer());
        assertEquals(conf, back);
        assertEquals(conf.getConf(0).getLayer(), back.getConf(0).getLayer().clone());
        assertNotEquals(back.getConf(0).getLayer(),
                MultiLayerConfiguration.fromJson(conf.toJson().replace(OURS, DL4J)).getConf(0).getLayer());
    }

    private static MultiLayerConfiguration strideTwoFirstConv() {
        return new NeuralNetConfiguration.Builder()
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .cacheMode(CacheMode.DEVICE)
                .list()
                .layer(new InputConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(4)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.ELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
    }

    private static MultiLayerNetwork network(String json) {
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(json);
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            layer.setSeed(42);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Rows of 784 floats in [0, 1) as the sweep feeds them, one-hot labels. */
    private static DataSet batch(Random random) {
        float[] values = new float[BATCH * 28 * 28];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
        for (int i = 0; i < BATCH; i++) {
            labels.putScalar(i, random.nextInt(10), 1f);
        }
        return new DataSet(Nd4j.create(values, new long[] {BATCH, 28 * 28}), labels);
    }

    /** |a - b| <= 1e-5 * |b| + 1e-5 * max|b| element-wise (summation order alone exceeds 1e-5 near zero). */
    private static void assertClose(String what, INDArray expected, INDArray actual) {
        assertEquals(expected.length(), actual.length(), what + " length");
        float[] e = expected.castTo(DataType.FLOAT).dup().data().asFloat();
        float[] a = actual.castTo(DataType.FLOAT).dup().data().asFloat();
        double scale = 0;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            if (Math.abs(a[i] - e[i]) > 1e-5 * Math.abs(e[i]) + 1e-5 * scale) {
                fail(what + " differs at " + i + ": " + e[i] + " vs " + a[i] + " (largest |value| " + scale + ")");
            }
        }
    }
}
