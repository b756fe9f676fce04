package io.sparksweep.model.layers;

/**
 * One 2-d convolution's shapes, NCHW: batch {@code n}, input {@code inC x inH x inW}, output
 * {@code outC x outH x outW}, kernel, strides, and the zero padding on each side (bottom and right as the output size
 * implies, which may differ from top and left in DL4J's {@code Same} mode).
 */
record ConvolutionGeometry(int n, int inC, int inH, int inW, int outC, int outH, int outW, int kH, int kW,
                           int strideH, int strideW, int padTop, int padLeft, int padBottom, int padRight) {

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
