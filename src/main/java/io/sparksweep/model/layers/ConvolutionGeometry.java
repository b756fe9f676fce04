package io.sparksweep.model.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One 2-d convolution's shapes, NCHW: batch {@code n}, input {@code inC x inH x inW}, output
 * {@code outC x outH x outW}, kernel, strides, and the zero padding on each side (bottom and right as the output size
 * implies, which may differ from top and left in DL4J's {@code Same} mode, and is negative where DL4J's
 * {@code Truncate} mode drops the last rows or columns).
 */
record ConvolutionGeometry(int n, int inC, int inH, int inW, int outC, int outH, int outW, int kH, int kW,
                           int strideH, int strideW, int padTop, int padLeft, int padBottom, int padRight) {

    /** The padding and output size DL4J's conv layer computes for {@code conf} on {@code input} (NCHW). */
    static ConvolutionGeometry of(ConvolutionLayer conf, INDArray input) {
        int[] dilation = conf.getDilation();
        int[] kernel = conf.getKernelSize();
        int[] strides = conf.getStride();
        ConvolutionMode mode = conf.getConvolutionMode();
        int inH = (int) input.size(2);
        int inW = (int) input.size(3);
        int[] pad;
        int[] outSize;
        if (mode == ConvolutionMode.Same) {
            outSize = ConvolutionUtils.getOutputSize(input, kernel, strides, null, mode, dilation, CNN2DFormat.NCHW);
            pad = ConvolutionUtils.getSameModeTopLeftPadding(outSize, new int[] {inH, inW}, kernel, strides, dilation);
        } else {
            pad = conf.getPadding();
            outSize = ConvolutionUtils.getOutputSize(input, kernel, strides, pad, mode, dilation, CNN2DFormat.NCHW);
        }
        int padBottom = (outSize[0] - 1) * strides[0] + kernel[0] - inH - pad[0];
        int padRight = (outSize[1] - 1) * strides[1] + kernel[1] - inW - pad[1];
        return new ConvolutionGeometry((int) input.size(0), (int) input.size(1), inH, inW, (int) conf.getNOut(),
                outSize[0], outSize[1], kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1], padBottom,
                padRight);
    }

    ConvolutionGeometry withBatch(int batch) {
        return new ConvolutionGeometry(batch, inC, inH, inW, outC, outH, outW, kH, kW, strideH, strideW, padTop,
                padLeft, padBottom, padRight);
    }

    long[] inputDims() {
        return new long[] {n, inC, inH, inW};
    }

    long[] outputDims() {
        return new long[] {n, outC, outH, outW};
    }

    long[] weightDims() {
        return new long[] {outC, inC, kH, kW};
    }

    long[] strides() {
        return new long[] {strideH, strideW};
    }

    long[] paddingBefore() {
        return new long[] {padTop, padLeft};
    }

    long[] paddingAfter() {
        return new long[] {padBottom, padRight};
    }
}
