package io.sparksweep.model.layers;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runtime layer of {@link IndexedMaxPoolingLayer}. A forward pass pools with {@link MaxPoolKernel} (inference too:
 * libnd4j's generic pooling took over two fifths of validation and test scoring); a training pass records the input it
 * pooled and where each maximum was, and backprop scatters the gradient there when it is called for that same input.
 * Otherwise (backprop after inference or for another input, another pooling setting) DL4J's layer does the work.
 */
public final class IndexedMaxPooling extends SubsamplingLayer implements HeapHandoff.Party {

    private INDArray pooledInput;
    private float[] values;
    private float[] pooled;
    private int[] argmax;
    private HeapHandoff handoff;
    /** Backward passes that used the recorded maxima (for tests). */
    long fastBackprops;
    /** Inference passes that ran the kernel (for tests). */
    long kernelInferences;

    IndexedMaxPooling(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean kernelApplies(INDArray in) {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
        return in.rank() == 4 && HostArrays.supported(in) && c.getPoolingType() == PoolingType.MAX
                && c.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && (c.getConvolutionMode() == ConvolutionMode.Truncate
                        || c.getConvolutionMode() == ConvolutionMode.Strict)
                && Arrays.equals(c.getPadding(), new int[] {0, 0}) && Arrays.equals(c.getDilation(), new int[] {1, 1})
                && in.size(2) >= c.getKernelSize()[0] && in.size(3) >= c.getKernelSize()[1];
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        pooledInput = null;
        if (input == null || !kernelApplies(input)) {
            return super.activate(training, workspaceMgr);
        }
        int[] kernel = layerConf().getKernelSize();
        int[] stride = layerConf().getStride();
        int n = (int) input.size(0);
        int c = (int) input.size(1);
        int inH = (int) input.size(2);
        int inW = (int) input.size(3);
        int outH = MaxPoolKernel.outputSize(inH, kernel[0], stride[0]);
        int outW = MaxPoolKernel.outputSize(inW, kernel[1], stride[1]);
        int outputs = n * c * outH * outW;
        values = HostArrays.sized(values, input.length()); // also backward's output
        float[] in = HeapHandoff.takeOrRead(handoff, input, getIndex(), true, values);
        if (pooled == null || pooled.length != outputs) {
            pooled = new float[outputs];
            argmax = new int[outputs];
        }
        MaxPoolKernel.forward(in, n * c, inH, inW, kernel[0], kernel[1], stride[0], stride[1], pooled, argmax);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {n, c, outH, outW}, 'c');
        HostArrays.write(pooled, out);
        if (training) {
            pooledInput = input;
        } else {
            kernelInferences++;
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (pooledInput == null || pooledInput != input || epsilon.length() != pooled.length
                || !HostArrays.supported(epsilon)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        pooled = HostArrays.read(epsilon, pooled);
        MaxPoolKernel.backward(pooled, argmax, values);
        INDArray epsAtInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                input.shape(), 'c');
        HostArrays.write(values, epsAtInput);
        HeapHandoff.offer(handoff, epsAtInput, values, getIndex(), false);
        fastBackprops++;
        return new Pair<>(new DefaultGradient(), epsAtInput);
    }

    @Override
    public void useHandoff(HeapHandoff handoff) {
        this.handoff = handoff;
    }

    @Override
    public void clear() {
        super.clear();
        pooledInput = null;
    }
}
