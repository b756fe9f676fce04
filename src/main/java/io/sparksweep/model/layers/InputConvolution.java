package io.sparksweep.model.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime layer of {@link InputConvolutionLayer}: DL4J's conv layer whose backward pass computes only the weight
 * and bias gradients and returns NaN instead of the input gradient. For a single input channel, stride 1 and no
 * dilation (every family's first layer) the gradients come from an {@link InputGradientKernel}, and the forward pass
 * from {@link VectorInputConvolutionForward} where the JVM has the vector module; with more channels
 * the weight gradient is a oneDNN convolution of the input by the output gradient (stride 1, no dilation), otherwise
 * DL4J's own im2col + GEMM formulation, as its built-in path computes it. Falls back to the full DL4J backward pass
 * for NHWC data.
 */
public final class InputConvolution extends ConvolutionLayer implements HeapHandoff.Party {

    private InputGradientKernel kernel;
    private VectorInputConvolutionForward forward;
    /** The input array whose values {@code inputValues} hold after a Java forward pass; null after any other. */
    private INDArray forwardInput;
    private float[] inputValues;
    private float[] deltaValues;
    private float[] weightValues;
    private float[] biasScratch;
    private float[] outputValues;
    private float[] weightGradients;
    private float[] biasGradients;
    private HeapHandoff handoff;
    /** Backward passes that ran an {@link InputGradientKernel} (for tests). */
    long kernelBackprops;
    /** Forward passes that ran {@link VectorInputConvolutionForward} (for tests). */
    long kernelForwards;

    InputConvolution(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * The forward pass of a single-channel input with stride 1 and no dilation (every family's first layer) in
     * {@link VectorInputConvolutionForward}, where the JVM has the vector module; DL4J's (oneDNN helper included)
     * otherwise. With a cache mode the backward pass gets the forward output back, as from DL4J's helper path.
     */
    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop,
                                                 LayerWorkspaceMgr workspaceMgr) {
        ConvolutionGeometry geometry = javaForward();
        if (geometry == null) {
            forwardInput = null;
            return super.preOutput(training, forBackprop, workspaceMgr);
        }
        if (forBackprop && preOutput != null) {
            return new Pair<>(preOutput, null);
        }
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray bias = layerConf().hasBias()
                ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, workspaceMgr) : null;
        int n = (int) input.size(0);
        int inH = (int) input.size(2);
        int inW = (int) input.size(3);
        int outputs = (int) weights.size(0);
        int kH = (int) weights.size(2);
        int kW = (int) weights.size(3);
        int outH = geometry.outH();
        int outW = geometry.outW();
        FirstLayerShape shape = new FirstLayerShape(outputs, kH, kW, outH, outW);
        if (forward == null || !forward.shape().equals(shape)) {
            forward = new VectorInputConvolutionForward(shape);
        }
        inputValues = HostArrays.read(input, inputValues);
        forwardInput = input;
        weightValues = HostArrays.read(weights, weightValues);
        if (bias != null) {
            biasScratch = HostArrays.read(bias, biasScratch);
        }
        outputValues = HostArrays.sized(outputValues, (long) n * outputs * outH * outW);
        forward.forward(inputValues, n, inH, inW, geometry.padTop(), geometry.padLeft(), weightValues,
                bias == null ? null : biasScratch, outputValues);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {n, outputs, outH, outW}, 'c');
        HostArrays.write(outputValues, out);
        // Any activation but the identity may change the output in place, leaving the heap copy stale.
        if (layerConf().getActivationFn() instanceof ActivationIdentity) {
            HeapHandoff.offer(handoff, out, outputValues, getIndex(), true);
        }
        kernelForwards++;
        return new Pair<>(out, null);
    }

    /** The layer's geometry when its forward pass can run in Java on the current input, else null. */
    private ConvolutionGeometry javaForward() {
        if (!VectorModule.kernelsApply() || input == null || input.rank() != 4 || dataType != DataType.FLOAT
                || layerConf().getCnn2dDataFormat() != CNN2DFormat.NCHW || layerConf().getNIn() != 1
                || !singleChannelKernelsTake(input)) {
            return null;
        }
        return ConvolutionGeometry.of(layerConf(), input);
    }

    /**
     * Whether the single-channel Java kernels (forward and weight gradient) take this NCHW input: one channel, stride
     * 1, no dilation, an array {@link HostArrays} supports.
     */
    private boolean singleChannelKernelsTake(INDArray input) {
        return input.size(1) == 1 && unitStrideNoDilation() && HostArrays.supported(input);
    }

    private boolean unitStrideNoDilation() {
        int[] strides = layerConf().getStride();
        int[] dilation = layerConf().getDilation();
        return strides[0] == 1 && strides[1] == 1 && dilation[0] == 1 && dilation[1] == 1;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!HostArrays.kernelsEnabled() || layerConf().getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray input = this.input.castTo(dataType);
        if (epsilon.dataType() != dataType) {
            epsilon = epsilon.castTo(dataType);
        }
        long miniBatch = input.size(0);
        long outDepth = weights.size(0);
        long inDepth = weights.size(1);
        int kH = (int) weights.size(2);
        int kW = (int) weights.size(3);
        int[] dilation = layerConf().getDilation();
        int[] strides = layerConf().getStride();
        ConvolutionGeometry geometry = ConvolutionGeometry.of(layerConf(), input);
        int[] pad = {geometry.padTop(), geometry.padLeft()};
        int outH = geometry.outH();
        int outW = geometry.outW();

        INDArray biasGradView = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
        INDArray weightGradView = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);

        // With a cache mode this is the forward pass's output (no recomputation); the helper path gives no im2col.
        Pair<INDArray, INDArray> p = preOutput4d(true, true, workspaceMgr);
        INDArray delta = layerConf().getActivationFn().backprop(p.getFirst(), epsilon).getFirst();

        INDArray delta2d = null;
        boolean biasDone = false;
        if (singleChannelKernelsTake(input) && HostArrays.supported(delta)) {
            biasDone = gradientsInJava(input, delta, pad, weightGradView, biasGradView);
        } else if (!weightGradientAsConvolution(input, delta, weightGradView, pad)) {
            delta2d = delta.permute(1, 0, 2, 3).reshape('c', outDepth, miniBatch * outH * outW);
            INDArray im2col2d = p.getSecond();
            if (im2col2d == null) {
                INDArray col = Nd4j.createUninitialized(dataType, new long[] {miniBatch, outH, outW, inDepth, kH, kW}, 'c');
                Convolution.im2col(input, kH, kW, strides[0], strides[1], pad[0], pad[1], dilation[0], dilation[1],
                        convolutionMode == ConvolutionMode.Same, col.permute(0, 3, 4, 5, 1, 2));
                im2col2d = col.reshape('c', miniBatch * outH * outW, inDepth * kH * kW);
            }
            INDArray weightGradView2df = Shape
                    .newShapeNoCopy(weightGradView, new long[] {outDepth, inDepth * kH * kW}, false).transpose();
            Nd4j.gemm(im2col2d, delta2d, weightGradView2df, true, true, 1.0, 0.0);
        }

        Gradient gradient = new DefaultGradient();
        if (layerConf().hasBias()) {
            if (delta2d != null) {
                delta2d.sum(biasGradView, 1);
            } else if (!biasDone) {
                biasGradView.assign(delta.sum(0, 2, 3).reshape(biasGradView.shape()));
            }
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView, 'c');
        weightNoiseParams.clear();
        // MultiLayerNetwork passes layer 0's input gradient through the input preprocessor (a reshape for flat image
        // rows) before discarding it, so it must have the right shape; NaN marks it as not computed.
        INDArray notComputed = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        notComputed.assign(Float.NaN);
        return new Pair<>(gradient, notComputed);
    }

    /**
     * Weight (and bias) gradients of a single-channel input by an {@link InputGradientKernel}: one pass over heap
     * copies instead of transposing the output gradient for oneDNN, oneDNN's reorders into its blocked layout and a
     * separate bias reduction (docs/performance.md, items 4 and 11).
     *
     * @return whether the bias gradient was written too
     */
    private boolean gradientsInJava(INDArray input, INDArray delta, int[] pad, INDArray weightGradView,
                                    INDArray biasGradView) {
        int n = (int) input.size(0);
        int inH = (int) input.size(2);
        int inW = (int) input.size(3);
        int outputs = (int) delta.size(1);
        int outH = (int) delta.size(2);
        int outW = (int) delta.size(3);
        int kH = (int) weightGradView.size(2);
        int kW = (int) weightGradView.size(3);
        FirstLayerShape shape = new FirstLayerShape(outputs, kH, kW, outH, outW);
        if (kernel == null || !kernel.shape().equals(shape)) {
            kernel = InputGradientKernel.create(shape);
        }
        if (input != forwardInput) {
            inputValues = HostArrays.read(input, inputValues);
        }
        // An identity activation hands the layer's epsilon through untouched; any other may change it in place,
        // leaving a heap copy offered by the next layer stale.
        boolean linear = layerConf().getActivationFn() instanceof ActivationIdentity;
        float[] dy = linear ? HeapHandoff.take(handoff, delta, getIndex(), false) : null;
        if (dy == null) {
            deltaValues = HostArrays.read(delta, deltaValues);
            dy = deltaValues;
        }
        weightGradients = HostArrays.sized(weightGradients, (long) outputs * kH * kW);
        biasGradients = HostArrays.sized(biasGradients, outputs);
        kernel.gradients(inputValues, n, inH, inW, dy, pad[0], pad[1], weightGradients, biasGradients);
        kernelBackprops++;
        HostArrays.write(weightGradients, weightGradView);
        if (biasGradView == null) {
            return false;
        }
        HostArrays.write(biasGradients, biasGradView);
        return true;
    }

    /**
     * dL/dW[o, c, u, v] = sum over n, y, x of delta[n, o, y, x] * paddedInput[n, c, y + u, x + v]: for stride 1 and
     * no dilation that is itself a convolution (run on oneDNN) of the input with channels and batch swapped,
     * [c, n, H, W], by the kernels delta with channels and batch swapped, [o, n, outH, outW], giving [c, o, kH, kW].
     *
     * @return false (nothing written) when the layer's geometry does not allow it
     */
    private boolean weightGradientAsConvolution(INDArray input, INDArray delta, INDArray weightGradView, int[] pad) {
        long inDepth = input.size(1);
        long inH = input.size(2);
        long inW = input.size(3);
        long outH = delta.size(2);
        long outW = delta.size(3);
        long kH = weightGradView.size(2);
        long kW = weightGradView.size(3);
        if (!unitStrideNoDilation() || inH + 2L * pad[0] - outH + 1 != kH || inW + 2L * pad[1] - outW + 1 != kW) {
            return false;
        }
        INDArray swappedInput = inDepth == 1 ? input.reshape('c', 1, input.size(0), inH, inW)
                : input.permute(1, 0, 2, 3).dup('c');
        INDArray kernels = delta.permute(1, 0, 2, 3).dup('c');
        INDArray out = Nd4j.createUninitialized(dataType, new long[] {inDepth, delta.size(1), kH, kW}, 'c');
        DynamicCustomOp conv = DynamicCustomOp.builder("conv2d")
                .addInputs(swappedInput, kernels)
                .addOutputs(out)
                // kH, kW, sH, sW, pH, pW, dH, dW, same mode off, NCHW, weights [oC, iC, kH, kW]
                .addIntegerArguments((int) outH, (int) outW, 1, 1, pad[0], pad[1], 1, 1, 0, 0, 1)
                .build();
        Nd4j.exec(conv);
        weightGradView.assign(out.permute(1, 0, 2, 3));
        return true;
    }

    @Override
    public void useHandoff(HeapHandoff handoff) {
        this.handoff = handoff;
    }
}
