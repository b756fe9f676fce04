package io.sparksweep.model.layers;

import java.lang.ref.Cleaner;
import java.util.HashMap;
import java.util.Map;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runtime layer of {@link OneDnnConvolutionLayer}: DL4J's conv layer whose training and inference passes call
 * oneDNN's convolution primitives directly ({@link OneDnnConvolutionPlan}) with ReLU fused in, instead of through
 * libnd4j's conv helper, which converts more arrays between DL4J's plain layout and oneDNN's blocked one
 * (docs/performance.md, item 14). Same parameters and gradients; the arithmetic is oneDNN's, as with the helper
 * (Winograd where oneDNN prefers it), so results differ from DL4J's only by rounding. Falls back to DL4J's code for
 * what the plans do not cover: NHWC data, dilation, an activation other than plain ReLU or identity, dropout or
 * weight noise on the layer, a geometry whose truncated edge would need negative padding, and anything but FLOAT.
 *
 * <p>Inference passes run in slices of at most {@value #INFERENCE_SLICE} images, so scoring batches of a thousand
 * images need no large blocked copies.
 */
public final class OneDnnConvolution extends ConvolutionLayer {

    static final int INFERENCE_SLICE = 128;

    /** Frees the plans' native objects once the layer is unreachable (a network is built per run). */
    private static final Cleaner PLANS_CLEANER = Cleaner.create();

    private final Plans plans = new Plans();
    /** How the plans convolve; tests compare {@code DIRECT} with DL4J's direct sums at DL4J's own drift. */
    OneDnnConvolutionPlan.Algorithm algorithm = OneDnnConvolutionPlan.Algorithm.FASTEST;
    /** Forward and backward passes that ran on a plan (for tests). */
    long directForwards;
    long directBackprops;

    OneDnnConvolution(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        PLANS_CLEANER.register(this, plans::release);
    }

    /**
     * The plans of one layer, by batch geometry and algorithm: separate for training (with backward) and inference.
     */
    private static final class Plans {
        record Key(ConvolutionGeometry geometry, OneDnnConvolutionPlan.Algorithm algorithm) {
        }

        final Map<Key, OneDnnConvolutionPlan> training = new HashMap<>();
        final Map<Key, OneDnnConvolutionPlan> inference = new HashMap<>();

        OneDnnConvolutionPlan get(ConvolutionGeometry geometry, OneDnnConvolutionPlan.Algorithm algorithm,
                                  boolean forTraining, boolean relu, boolean bias) {
            Map<Key, OneDnnConvolutionPlan> plans = forTraining ? training : inference;
            return plans.computeIfAbsent(new Key(geometry, algorithm),
                    k -> new OneDnnConvolutionPlan(geometry, algorithm, forTraining, relu, bias));
        }

        void release() {
            training.values().forEach(OneDnnConvolutionPlan::release);
            inference.values().forEach(OneDnnConvolutionPlan::release);
            training.clear();
            inference.clear();
        }
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        ConvolutionGeometry geometry = input == null ? null : geometry(input);
        if (geometry == null) {
            return super.activate(training, workspaceMgr);
        }
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray bias = hasBias() ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, workspaceMgr)
                : null;
        INDArray in = HostArrays.dense(input);
        Pointer w = HostArrays.address(HostArrays.dense(weights));
        Pointer b = bias == null ? null : HostArrays.address(HostArrays.dense(bias));
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, geometry.outputDims(), 'c');
        if (training) {
            OneDnnConvolutionPlan plan = plans.get(geometry, algorithm, true, relu(), hasBias());
            plan.forward(HostArrays.address(in), w, b, HostArrays.address(out));
            plan.forwardInput = input;
        } else {
            for (int from = 0; from < geometry.n(); from += INFERENCE_SLICE) {
                int to = Math.min(geometry.n(), from + INFERENCE_SLICE);
                OneDnnConvolutionPlan plan = plans.get(geometry.withBatch(to - from), algorithm, false, relu(),
                        hasBias());
                plan.forward(HostArrays.address(slice(in, from, to)), w, b, HostArrays.address(slice(out, from, to)));
            }
        }
        directForwards++;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        ConvolutionGeometry geometry = geometry(input);
        if (geometry == null || epsilon.dataType() != DataType.FLOAT) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        Pointer w = HostArrays.address(HostArrays.dense(weights));
        OneDnnConvolutionPlan plan = plans.get(geometry, algorithm, true, relu(), hasBias());
        if (plan.forwardInput != input) {
            // The blocked input and output the plan holds are another forward pass's: repeat this one's.
            INDArray bias = hasBias() ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, true, workspaceMgr)
                    : null;
            Pointer b = bias == null ? null : HostArrays.address(HostArrays.dense(bias));
            plan.forward(HostArrays.address(HostArrays.dense(input)), w, b, null);
            plan.forwardInput = input;
        }
        INDArray weightGradView = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray biasGradView = hasBias() ? gradientViews.get(ConvolutionParamInitializer.BIAS_KEY) : null;
        INDArray weightGrad = denseTarget(weightGradView);
        INDArray biasGrad = biasGradView == null ? null : denseTarget(biasGradView);
        INDArray inputGrad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        plan.backward(HostArrays.address(HostArrays.dense(epsilon)), w, HostArrays.address(weightGrad),
                biasGrad == null ? null : HostArrays.address(biasGrad), HostArrays.address(inputGrad));
        if (weightGrad != weightGradView) {
            weightGradView.assign(weightGrad);
        }
        if (biasGrad != null && biasGrad != biasGradView) {
            biasGradView.assign(biasGrad);
        }
        Gradient gradient = new DefaultGradient();
        if (biasGradView != null) {
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView, 'c');
        weightNoiseParams.clear();
        directBackprops++;
        return new Pair<>(gradient, inputGrad);
    }

    /** Whether ReLU follows the convolution; false for the identity (the only other activation planned). */
    private boolean relu() {
        return layerConf().getActivationFn() instanceof ActivationReLU;
    }

    /**
     * Whether plans compute a layer of this configuration on oneDNN, when it is loaded: NCHW, no dilation, no dropout
     * or weight noise, and plain ReLU (DL4J's or the masked one) or the identity.
     */
    static boolean planned(org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf) {
        IActivation activation = conf.getActivationFn();
        return OneDnn.available() && conf.getCnn2dDataFormat() == CNN2DFormat.NCHW && conf.getDilation()[0] == 1
                && conf.getDilation()[1] == 1 && conf.getIDropout() == null && conf.getWeightNoise() == null
                && (activation instanceof ActivationIdentity
                || activation instanceof ActivationReLU relu && MaskedReluActivation.plain(relu));
    }

    /**
     * This layer's geometry on {@code input} when a plan can compute it, else null (DL4J's code then does): not where
     * DL4J's truncated geometry would need negative padding on the bottom or right.
     */
    private ConvolutionGeometry geometry(INDArray input) {
        if (input.rank() != 4 || input.dataType() != DataType.FLOAT || dataType != DataType.FLOAT
                || input.size(0) > Integer.MAX_VALUE || !planned(layerConf())) {
            return null;
        }
        ConvolutionGeometry geometry = ConvolutionGeometry.of(layerConf(), input);
        return geometry.padBottom() < 0 || geometry.padRight() < 0 ? null : geometry;
    }

    /** {@code target} itself when a plan can write it directly, else a scratch array to copy into it afterwards. */
    private static INDArray denseTarget(INDArray target) {
        return HostArrays.isDense(target) ? target : Nd4j.createUninitialized(target.dataType(), target.shape(), 'c');
    }

    /** Images {@code from} (inclusive) to {@code to} of an NCHW C-order array: a dense view. */
    private static INDArray slice(INDArray nchw, int from, int to) {
        if (from == 0 && to == nchw.size(0)) {
            return nchw;
        }
        return nchw.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }
}
