package io.sparksweep.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import io.sparksweep.model.ModelFamilies;
import io.sparksweep.testing.ArrayAsserts;
import io.sparksweep.testing.RestoresHelperSwitch;
import io.sparksweep.testing.TestNetworks;
import io.sparksweep.model.ModelSettings;
import io.sparksweep.train.NativeAcceleration;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The project's layer implementations ({@link InputConvolutionLayer}, {@link EluActivationLayer},
 * {@link TwoPassBatchNormalization}, {@link IndexedMaxPoolingLayer}, {@link FusedDenseLayer}, {@link FusedOutputLayer})
 * against the DL4J layers they replace, in the same network (same JSON apart from
 * the layer classes, same parameters): forward outputs, score and gradients after one step agree to 1e-5 (relative,
 * with a floor of 1e-5 of the array's largest value, as in NativeAccelerationTest), parameters after 3 Adam steps to
 * 1e-4; each replacement on its own and all together.
 */
@ExtendWith(RestoresHelperSwitch.class)
class ProjectLayersTest {

    private static final int BATCH = 16;
    /** Every network here trains with Adam at this rate (the families' default too). */
    private static final double LEARNING_RATE = 1e-3;
    private static final String OURS = InputConvolutionLayer.class.getName();
    private static final String DL4J = ConvolutionLayer.class.getName();
    private static final String OUR_ELU = EluActivationLayer.class.getName();
    private static final String DL4J_ACTIVATION = ActivationLayer.class.getName();
    private static final String OUR_BN = TwoPassBatchNormalization.class.getName();
    private static final String DL4J_BN = BatchNormalization.class.getName();
    private static final String OUR_POOL = IndexedMaxPoolingLayer.class.getName();
    private static final String DL4J_POOL = SubsamplingLayer.class.getName();
    private static final String OUR_DENSE = FusedDenseLayer.class.getName();
    private static final String DL4J_DENSE = DenseLayer.class.getName();
    private static final String OUR_OUTPUT = FusedOutputLayer.class.getName();
    private static final String DL4J_OUTPUT = OutputLayer.class.getName();
    private static final String OUR_CONV = OneDnnConvolutionLayer.class.getName();
    private static final String OUR_RELU = MaskedReluActivation.class.getName();
    private static final String DL4J_RELU = ActivationReLU.class.getName();

    /** Which of the project's layers the network under test keeps; the reference keeps {@code NONE}. */
    enum Keep {
        ALL, INPUT_CONV, ELU, BN, POOL, DENSE, OUTPUT, RELU, CONV, NONE;

        String apply(String json) {
            String conv = keeps(INPUT_CONV) ? json : json.replace(OURS, DL4J);
            String elu = keeps(ELU) ? conv : conv.replace(OUR_ELU, DL4J_ACTIVATION);
            String bn = keeps(BN) ? elu : elu.replace(OUR_BN, DL4J_BN);
            String pool = keeps(POOL) ? bn : bn.replace(OUR_POOL, DL4J_POOL);
            String dense = keeps(DENSE) ? pool : pool.replace(OUR_DENSE, DL4J_DENSE);
            String output = keeps(OUTPUT) ? dense : dense.replace(OUR_OUTPUT, DL4J_OUTPUT);
            String convs = keeps(CONV) ? output : output.replace(OUR_CONV, DL4J);
            return keeps(RELU) ? convs : convs.replace(OUR_RELU, DL4J_RELU);
        }

        boolean keeps(Keep layer) {
            return this == ALL || this == layer;
        }
    }

    static Stream<Arguments> cases() {
        ModelSettings lenet = ModelSettings.defaults("lenet5");
        ModelSettings stride = new ModelSettings("stride", "adam", LEARNING_RATE, 0.0, 0, 0, 2, 0.0);
        ModelSettings deep = new ModelSettings("deep", "adam", LEARNING_RATE, 0.0, 0, 8, 0, 0.0);
        return Stream.of(
                Arguments.of("lenet5 (5x5 Same, BN, ELU), oneDNN helpers", ModelFamilies.build(lenet), true, Keep.ALL),
                Arguments.of("lenet5, oneDNN helpers, first conv only", ModelFamilies.build(lenet), true, Keep.INPUT_CONV),
                Arguments.of("lenet5, oneDNN helpers, ELU layers only", ModelFamilies.build(lenet), true, Keep.ELU),
                Arguments.of("lenet5, oneDNN helpers, batch norm only", ModelFamilies.build(lenet), true, Keep.BN),
                Arguments.of("lenet5, oneDNN helpers, max pooling only", ModelFamilies.build(lenet), true, Keep.POOL),
                Arguments.of("lenet5, oneDNN helpers, dense layers only", ModelFamilies.build(lenet), true, Keep.DENSE),
                Arguments.of("lenet5, oneDNN helpers, output layer only", ModelFamilies.build(lenet), true, Keep.OUTPUT),
                Arguments.of("lenet5, built-in layers", ModelFamilies.build(lenet), false, Keep.ALL),
                Arguments.of("stride (3x3 Truncate)", ModelFamilies.build(stride), true, Keep.ALL),
                Arguments.of("baseline (first conv ReLU, then pooling: no handoff into the ReLU gradient)",
                        ModelFamilies.build(ModelSettings.defaults("baseline")), true, Keep.ALL),
                Arguments.of("deep (3x3 Same, BN, ReLU)", ModelFamilies.build(deep), true, Keep.ALL),
                Arguments.of("minivgg (3x3 Same, ReLU in the conv layers)",
                        ModelFamilies.build(ModelSettings.defaults("minivgg")), true, Keep.ALL),
                Arguments.of("minivgg, ReLU gradients only", ModelFamilies.build(ModelSettings.defaults("minivgg")),
                        true, Keep.RELU),
                Arguments.of("minivgg, direct oneDNN conv layers only",
                        ModelFamilies.build(ModelSettings.defaults("minivgg")), true, Keep.CONV),
                Arguments.of("minivgg, built-in layers", ModelFamilies.build(ModelSettings.defaults("minivgg")), false,
                        Keep.ALL),
                Arguments.of("stride-2 first conv (falls back to im2col)", strideTwoFirstConv(), true, Keep.ALL),
                Arguments.of("batch norm on dense activations (rank 2)", denseBatchNorm(), true, Keep.ALL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameNumbersAsDl4jLayers(String name, MultiLayerConfiguration conf, boolean helpers, Keep keep) {
        // Dense layers as the trainer builds them (the families declare DL4J's).
        String json = FusedLayers.swapIn(conf.clone()).toJson();
        assertTrue(json.contains(OURS), "layer 0 should be " + OURS);
        NativeAcceleration.setLayerHelpers(helpers);
        MultiLayerNetwork ours = network(keep.apply(json));
        HeapHandoff.wire(ours);
        // Direct sums, as DL4J's: the comparison after Adam steps below is held to DL4J's own drift, which Winograd's
        // rounding exceeds (oneDnnWinogradGivesDl4jsGradientsWithinRounding checks the default before any step).
        for (org.deeplearning4j.nn.api.Layer layer : ours.getLayers()) {
            if (layer instanceof OneDnnConvolution conv) {
                conv.algorithm = OneDnnConvolutionPlan.Algorithm.DIRECT;
            }
        }
        String dl4jOnly = Keep.NONE.apply(json);
        assertFalse(dl4jOnly.contains("io.sparksweep"), "reference network should have DL4J's layers only");
        MultiLayerNetwork reference = network(dl4jOnly);
        if (keep == Keep.ALL || keep == Keep.INPUT_CONV) {
            assertInstanceOf(InputConvolution.class, ours.getLayer(0));
        }
        if ((keep == Keep.ALL || keep == Keep.BN) && json.contains(OUR_BN)) {
            Object helper = Arrays.stream(ours.getLayers()).filter(l -> l instanceof TwoPassBatchNorm).findFirst()
                    .orElseThrow().getHelper();
            if (helpers) {
                assertInstanceOf(TwoPassBatchNorm.Helper.class, helper, "two-pass helper where DL4J uses oneDNN's");
            } else {
                assertNull(helper);
            }
        }
        reference.setParams(ours.params().dup());
        // DL4J against itself, the other helper setting: how far two correct implementations drift apart in 3 steps.
        NativeAcceleration.setLayerHelpers(!helpers);
        MultiLayerNetwork alternative = network(dl4jOnly);
        NativeAcceleration.setLayerHelpers(helpers);
        alternative.setParams(ours.params().dup());

        DataSet batch = batch(new Random(11));
        assertClose(name + ": inference output", reference.output(batch.getFeatures(), false),
                ours.output(batch.getFeatures(), false));
        for (org.deeplearning4j.nn.api.Layer layer : ours.getLayers()) {
            String where = "layer " + layer.getIndex() + " took DL4J's inference pass";
            if (layer instanceof EluActivation elu) {
                assertEquals(1, elu.kernelInferences, where);
            } else if (layer instanceof IndexedMaxPooling pool) {
                assertEquals(1, pool.kernelInferences, where);
            } else if (layer instanceof InputConvolution conv) {
                boolean javaForward = VectorModule.kernelsApply() && conv.layerConf().getStride()[0] == 1;
                assertEquals(javaForward ? 1 : 0, conv.kernelForwards, "layer 0's forward kernel");
            } else if (layer instanceof OneDnnConvolution conv) {
                assertEquals(planned(conv) ? 1 : 0, conv.directForwards, where);
            }
        }
        assertClose(name + ": training output", reference.output(batch.getFeatures(), true),
                ours.output(batch.getFeatures(), true));

        for (MultiLayerNetwork net : new MultiLayerNetwork[] {reference, ours}) {
            net.setInput(batch.getFeatures());
            net.setLabels(batch.getLabels());
            net.computeGradientAndScore();
        }
        assertEquals(reference.score(), ours.score(), 1e-5 * Math.abs(reference.score()), name + ": score");
        for (org.deeplearning4j.nn.api.Layer layer : ours.getLayers()) {
            String where = "layer " + layer.getIndex() + " took DL4J's backward pass";
            if (layer instanceof EluActivation elu) {
                assertEquals(1, elu.fastBackprops, where);
            } else if (layer instanceof IndexedMaxPooling pool) {
                assertEquals(1, pool.fastBackprops, where);
            } else if (layer instanceof FusedDense dense) {
                assertEquals(1, dense.kernelBackprops, where);
            } else if (layer instanceof FusedOutput output) {
                assertEquals(1, output.kernelBackprops, where);
                assertEquals(1, output.kernelScores, "the score came from the backward pass's probabilities");
            } else if (layer instanceof InputConvolution conv) {
                assertEquals(conv.layerConf().getStride()[0] == 1 ? 1 : 0, conv.kernelBackprops, "layer 0's kernel");
            } else if (layer instanceof OneDnnConvolution conv) {
                assertEquals(planned(conv) ? 1 : 0, conv.directBackprops, where);
            } else if (layer instanceof TwoPassBatchNorm bn && bn.getHelper() instanceof TwoPassBatchNorm.Helper h) {
                assertEquals(1, h.kernelBackprops, where);
                // Rank-2 (dense) batch norm goes through DL4J's layer, which reshapes it for the kernel.
                assertEquals(bn.input().rank() == 4 ? 1 : 0, bn.javaRunningStatistics, "running statistics in Java");
            }
        }
        if (keep.keeps(Keep.RELU)) {
            for (org.deeplearning4j.nn.api.Layer layer : ours.getLayers()) {
                if (layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer base
                        && base.getActivationFn() instanceof ActivationReLU relu) {
                    MaskedReluActivation masked = assertInstanceOf(MaskedReluActivation.class, relu,
                            "the trainer's network has the masked ReLU");
                    // The fused dense layers and the direct oneDNN conv layers apply their ReLU themselves; DL4J's
                    // layers call the activation.
                    boolean fused = keep.keeps(Keep.DENSE) && base instanceof FusedDenseLayer
                            || layer instanceof OneDnnConvolution conv && planned(conv);
                    assertEquals(fused ? 0 : 1, masked.maskedBackprops,
                            "backward passes through the step mask");
                }
            }
        }
        assertEquals(keep.keeps(Keep.POOL) && json.contains(OUR_POOL),
                Arrays.stream(ours.getLayers()).anyMatch(l -> l instanceof IndexedMaxPooling), "pooling layers");
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
            alternative.fit(next);
            ours.fit(next);
        }
        // Adam turns that noise into steps of about the learning rate, so such a bias drifts apart, and with it batch
        // norm's running mean (both without effect on training: batch norm removes the bias; helpers on vs off do the
        // same); everything else must still agree, and so must the training-mode outputs.
        // The same holds for every conv bias before batch norm once the first step made the networks differ at all.
        // For the rest Adam magnifies gradient rounding where gradients are near zero: after 3 steps DL4J's own two
        // paths (oneDNN helpers on vs off) already differ by up to 1.0x the 1e-5 tolerance (perf-notes), so
        // parameters after steps are compared at 1e-4.
        java.util.Set<String> noise = new java.util.HashSet<>();
        for (int i = 0; i + 1 < conf.getConfs().size(); i++) {
            if (conf.getConf(i + 1).getLayer() instanceof BatchNormalization) {
                noise.add(i + "_b");
                noise.add((i + 1) + "_mean");
            }
        }
        // Adam moves a parameter by up to the learning rate per step whatever the gradient's size, so where a
        // gradient is within rounding of zero its step is rounding too, and which rounding depends on the kernels
        // oneDNN picks for the CPU; a ReLU unit near its kink then follows one branch or the other. So besides 1e-4
        // of the values, ours may differ from DL4J's layers by twice what DL4J's own two paths (helpers on and off)
        // differ by on this CPU: no worse than DL4J agrees with itself. A wrong gradient or update is a whole step
        // off; the gradients themselves are compared at 1e-5 above, before any step.
        for (String key : reference.paramTable().keySet()) {
            if (!noise.contains(key)) {
                double dl4jDrift = reference.getParam(key).sub(alternative.getParam(key)).amaxNumber().doubleValue();
                ArrayAsserts.assertClose(name + ": " + key + " after 3 Adam steps (DL4J's own paths " + dl4jDrift
                        + " apart)", reference.getParam(key), ours.getParam(key), 1e-4, 2 * dl4jDrift);
            }
        }
        INDArray referenceOutput = reference.output(batch.getFeatures(), true);
        double outputDrift = referenceOutput.sub(alternative.output(batch.getFeatures(), true)).amaxNumber()
                .doubleValue();
        ArrayAsserts.assertClose(name + ": training output after 3 Adam steps (DL4J's own paths " + outputDrift
                + " apart)", referenceOutput, ours.output(batch.getFeatures(), true), 1e-5, 2 * outputDrift);
        if (helpers) {
            assertTrue(NativeAcceleration.helperReport(ours).allActive(), NativeAcceleration.helperReport(ours).summary());
        }
    }

    /** lenet5 drops the input of its second dense layer, baseline that of its output layer. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lenet5", "baseline"})
    void fusedLayerAfterDropoutDrawsTheSameMaskAndGradient(String family) {
        ModelSettings dropout = new ModelSettings(family, "adam", LEARNING_RATE, 0.5, ModelSettings.FAMILY_DEFAULT,
                ModelSettings.FAMILY_DEFAULT, ModelSettings.FAMILY_DEFAULT, 0.0);
        String json = FusedLayers.swapIn(ModelFamilies.build(dropout)).toJson();
        NativeAcceleration.setLayerHelpers(true);
        MultiLayerNetwork ours = network(json);
        HeapHandoff.wire(ours);
        MultiLayerNetwork reference = network(json.replace(OUR_DENSE, DL4J_DENSE).replace(OUR_OUTPUT, DL4J_OUTPUT));
        reference.setParams(ours.params().dup());
        DataSet batch = batch(new Random(13));
        INDArray[] gradients = new INDArray[3];
        double[] scores = new double[3];
        MultiLayerNetwork[] nets = {reference, ours, reference};
        for (int i = 0; i < nets.length; i++) {
            Nd4j.getRandom().setSeed(i < 2 ? 99 : 100); // the third pass: another dropout mask
            nets[i].setInput(batch.getFeatures());
            nets[i].setLabels(batch.getLabels());
            nets[i].computeGradientAndScore();
            gradients[i] = nets[i].gradient().gradient().dup();
            scores[i] = nets[i].score();
        }
        assertEquals(scores[0], scores[1], 1e-5 * Math.abs(scores[0]), "score with dropout");
        assertClose("gradient with dropout", gradients[0], gradients[1]);
        assertNotEquals(0.0, gradients[0].sub(gradients[2]).amaxNumber().doubleValue(),
                "another mask should give another gradient, else dropout did nothing here");
        org.deeplearning4j.nn.api.Layer afterDropout = Arrays.stream(ours.getLayers())
                .filter(l -> l.conf().getLayer().getIDropout() != null).findFirst().orElseThrow();
        long kernelPasses = afterDropout instanceof FusedDense d ? d.kernelBackprops
                : afterDropout instanceof FusedOutput o ? o.kernelBackprops : 0;
        assertEquals(1, kernelPasses, "the layer behind the dropout ran the Java loop: " + afterDropout);
    }

    @Test
    void everyReadThatFollowsAProjectLayerTakesItsHeapCopy() {
        NativeAcceleration.setLayerHelpers(true); // batch norm's kernel replaces the oneDNN helper
        MultiLayerNetwork net = network(ModelFamilies.build(ModelSettings.defaults("lenet5")).toJson());
        HeapHandoff handoff = HeapHandoff.wire(net);
        DataSet batch = batch(new Random(4));
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        // forward: first conv -> BN (where its vector forward runs), BN -> ELU -> pool, twice; backward: pool -> ELU ->
        // BN, twice, and BN -> first conv
        int firstConvForward = VectorModule.kernelsApply() ? 1 : 0;
        assertEquals(9 + firstConvForward, handoff.hits());
        net.output(batch.getFeatures(), false);
        // inference: batch norm is DL4J's (running statistics), ELU -> pool twice
        assertEquals(11 + firstConvForward, handoff.hits());
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
    void eluDerivativeFromTheOutputMatchesDl4jToOneUlpOfOne() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new EluActivationLayer.Builder().activation(Activation.ELU).build())
                .setInputType(InputType.feedForward(2001)).build());
        net.init();
        INDArray x = Nd4j.linspace(-30, 10, 2001, DataType.FLOAT).reshape(1, 2001);
        x.putScalar(0, 1000, 0f);
        x.putScalar(0, 1001, 1e-30f);
        x.putScalar(0, 1002, -1e-30f);
        INDArray eps = Nd4j.rand(DataType.FLOAT, 1, 2001).addi(0.5);
        EluActivation layer = (EluActivation) net.getLayer(0);
        layer.setInput(x.dup(), LayerWorkspaceMgr.noWorkspaces());
        INDArray out = layer.activate(true, LayerWorkspaceMgr.noWorkspaces());
        assertEquals(2001, out.length());
        INDArray ours = layer.backpropGradient(eps.dup(), LayerWorkspaceMgr.noWorkspaces()).getSecond();
        assertEquals(1, layer.fastBackprops);
        INDArray dl4j = Activation.ELU.getActivationFunction().backprop(x.dup(), eps.dup()).getFirst();
        float[] o = ours.data().asFloat();
        float[] d = dl4j.data().asFloat();
        float[] e = eps.data().asFloat();
        for (int i = 0; i < o.length; i++) {
            // exp(x) = (exp(x) - 1) + 1 loses at most one ulp of 1 (6e-8); relative to DL4J only where exp(x) is not tiny
            assertEquals(d[i], o[i], Math.ulp(1f) * e[i] + 1e-6 * Math.abs(d[i]), "x = " + x.getFloat(0, i));
        }
    }

    @ParameterizedTest(name = "oneDNN helpers {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void maxPoolingSendsTiedGradientsWhereDl4jSendsThem(boolean helpers) {
        NativeAcceleration.setLayerHelpers(helpers);
        // Small integers: most 2x2 windows (and 3x3 windows with stride 2, which overlap) hold tied maxima.
        INDArray x = Nd4j.createFromArray(new Random(5).ints(2 * 3 * 9 * 9, 0, 3).mapToObj(i -> (float) i)
                .collect(java.util.stream.Collectors.toList()).toArray(new Float[0])).reshape(2, 3, 9, 9);
        for (int[] window : new int[][] {{2, 2}, {3, 2}}) {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                    .layer(new IndexedMaxPoolingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                            .kernelSize(window[0], window[0]).stride(window[1], window[1]).build())
                    .setInputType(InputType.convolutional(9, 9, 3)).build();
            IndexedMaxPooling ours = (IndexedMaxPooling) network(conf.toJson()).getLayer(0);
            org.deeplearning4j.nn.api.Layer dl4j = network(conf.toJson().replace(OUR_POOL, DL4J_POOL)).getLayer(0);
            INDArray outOurs = ours.activate(x.dup(), true, LayerWorkspaceMgr.noWorkspaces());
            INDArray outDl4j = dl4j.activate(x.dup(), true, LayerWorkspaceMgr.noWorkspaces());
            assertEquals(outDl4j, outOurs, "maxima, window " + Arrays.toString(window));
            INDArray eps = Nd4j.rand(DataType.FLOAT, outOurs.shape()).addi(1);
            INDArray gradOurs = ours.backpropGradient(eps.dup(), LayerWorkspaceMgr.noWorkspaces()).getSecond();
            INDArray gradDl4j = dl4j.backpropGradient(eps.dup(), LayerWorkspaceMgr.noWorkspaces()).getSecond();
            assertEquals(1, ours.fastBackprops);
            assertEquals(gradDl4j, gradOurs, "input gradient, window " + Arrays.toString(window));
            assertEquals(dl4j.activate(x.dup(), false, LayerWorkspaceMgr.noWorkspaces()),
                    ours.activate(x.dup(), false, LayerWorkspaceMgr.noWorkspaces()),
                    "inference maxima, window " + Arrays.toString(window));
            assertEquals(1, ours.kernelInferences);
        }
    }

    @Test
    void jsonRoundTripKeepsTheClasses() {
        MultiLayerConfiguration conf = ModelFamilies.build(ModelSettings.defaults("lenet5"));
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertInstanceOf(InputConvolutionLayer.class, back.getConf(0).getLayer());
        assertInstanceOf(EluActivationLayer.class, back.getConf(2).getLayer());
        assertInstanceOf(EluActivationLayer.class, back.getConf(6).getLayer());
        assertInstanceOf(TwoPassBatchNormalization.class, back.getConf(1).getLayer());
        // DL4J's (Lombok) equals compares every field and accepts subclasses on its side: all settings were copied.
        assertTrue(MultiLayerConfiguration.fromJson(conf.toJson().replace(OUR_BN, DL4J_BN)).getConf(1).getLayer()
                .equals(back.getConf(1).getLayer()), "TwoPassBatchNormalization.of copies every setting");
        assertNotEquals(back.getConf(2).getLayer(),
                MultiLayerConfiguration.fromJson(conf.toJson().replace(OUR_ELU, DL4J_ACTIVATION)).getConf(2).getLayer());
        assertEquals(conf, back);
        assertEquals(conf.getConf(0).getLayer(), back.getConf(0).getLayer().clone());
        assertNotEquals(back.getConf(0).getLayer(),
                MultiLayerConfiguration.fromJson(conf.toJson().replace(OURS, DL4J)).getConf(0).getLayer());
    }

    @Test
    void aSavedOrDistributedNetworkNamesDl4jsReluAgain() {
        MultiLayerConfiguration trained = FusedLayers.swapIn(ModelFamilies.build(ModelSettings.defaults("minivgg")));
        String json = trained.toJson();
        assertTrue(json.contains(OUR_RELU), "the trainer's network uses the masked ReLU");
        MultiLayerConfiguration saved = Dl4jEquivalents.plainConfiguration(trained);
        assertFalse(saved.toJson().contains("io.sparksweep"), "a saved model names DL4J's classes only");
        String distributed = Dl4jEquivalents.plainJson(json);
        assertFalse(distributed.contains("io.sparksweep"), "dl4j-spark gets DL4J's classes only");
        assertEquals(saved, MultiLayerConfiguration.fromJson(distributed));
        assertTrue(json.contains(OUR_RELU), "the trained configuration itself is left as it was");
        assertInstanceOf(MaskedReluActivation.class,
                ((org.deeplearning4j.nn.conf.layers.BaseLayer) trained.getConf(0).getLayer()).getActivationFn());
    }

    /**
     * Whether the direct oneDNN layer computes on a plan here: not where DL4J's truncated stride-2 geometry would need
     * negative padding on the bottom and right (the stride family's stride-2 layers).
     */
    private static boolean planned(OneDnnConvolution conv) {
        return conv.layerConf().getConvolutionMode() == ConvolutionMode.Same || conv.layerConf().getStride()[0] == 1;
    }

    @Test
    void oneDnnWinogradGivesDl4jsGradientsWithinRounding() {
        String json = FusedLayers.swapIn(ModelFamilies.build(ModelSettings.defaults("minivgg"))).toJson();
        MultiLayerNetwork ours = network(json);
        MultiLayerNetwork reference = network(Keep.NONE.apply(json));
        reference.setParams(ours.params().dup());
        DataSet batch = batch(new Random(14));
        assertClose("inference output", reference.output(batch.getFeatures(), false),
                ours.output(batch.getFeatures(), false));
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {reference, ours}) {
            net.setInput(batch.getFeatures());
            net.setLabels(batch.getLabels());
            net.computeGradientAndScore();
        }
        assertEquals(reference.score(), ours.score(), 1e-5 * Math.abs(reference.score()), "score");
        assertClose("gradient", reference.gradient().gradient(), ours.gradient().gradient());
        for (org.deeplearning4j.nn.api.Layer layer : ours.getLayers()) {
            if (layer instanceof OneDnnConvolution conv) {
                assertEquals(OneDnnConvolutionPlan.Algorithm.FASTEST, conv.algorithm);
                assertEquals(1, conv.directBackprops, "layer " + layer.getIndex() + " took DL4J's backward pass");
            }
        }
    }

    @Test
    void directConvolutionScoresLargeBatchesInSlices() {
        MultiLayerConfiguration conf = FusedLayers.swapIn(ModelFamilies.build(ModelSettings.defaults("minivgg")));
        String json = conf.toJson();
        assertTrue(json.contains(OUR_CONV), "the trainer's mini-VGG has the direct oneDNN conv layers");
        MultiLayerNetwork ours = network(json);
        MultiLayerNetwork reference = network(Keep.NONE.apply(json));
        reference.setParams(ours.params().dup());
        int images = 2 * OneDnnConvolution.INFERENCE_SLICE + 44;
        DataSet batch = TestNetworks.batch(new Random(13), images);
        assertClose("inference over " + images + " images", reference.output(batch.getFeatures(), false),
                ours.output(batch.getFeatures(), false));
        long direct = Arrays.stream(ours.getLayers()).filter(l -> l instanceof OneDnnConvolution)
                .mapToLong(l -> ((OneDnnConvolution) l).directForwards).sum();
        assertEquals(3, direct, "three conv layers after the first, one pass each");
    }

    private static MultiLayerConfiguration strideTwoFirstConv() {
        return new NeuralNetConfiguration.Builder()
                .updater(new Adam(LEARNING_RATE))
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

    /** A conv layer first (the test's networks start with the project's input conv), then dense, BN, ELU. */
    private static MultiLayerConfiguration denseBatchNorm() {
        return new NeuralNetConfiguration.Builder()
                .updater(new Adam(LEARNING_RATE))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new InputConvolutionLayer.Builder(5, 5).stride(3, 3).nOut(4)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.RELU).build())
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(12)
                        .activation(Activation.IDENTITY).build())
                .layer(TwoPassBatchNormalization.of(new BatchNormalization.Builder().build()))
                .layer(new EluActivationLayer.Builder().activation(Activation.ELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
    }

    private static MultiLayerNetwork network(String json) {
        return TestNetworks.seeded(json);
    }

    private static DataSet batch(Random random) {
        return TestNetworks.batch(random, BATCH);
    }

    /** |a - b| <= tol * |b| + tol * max|b| element-wise (summation order alone exceeds tol near zero); tol 1e-5. */
    private static void assertClose(String what, INDArray expected, INDArray actual) {
        assertClose(what, expected, actual, 1e-5);
    }

    private static void assertClose(String what, INDArray expected, INDArray actual, double tolerance) {
        ArrayAsserts.assertClose(what, expected, actual, tolerance);
    }
}
