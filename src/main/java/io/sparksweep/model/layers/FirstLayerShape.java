package io.sparksweep.model.layers;

/**
 * What the first conv layer's kernels are sized for: a convolution over a single input channel, stride 1, no
 * dilation, with {@code outputs} filters of {@code kH x kW} and output planes of {@code outH x outW}. A layer keeps
 * its kernel while its shape stays equal to the kernel's (the batch size may change: scoring uses larger batches).
 */
record FirstLayerShape(int outputs, int kH, int kW, int outH, int outW) {

    /** Elements of an output plane. */
    int span() {
        return outH * outW;
    }
}
