package io.sparksweep.model.layers;

/**
 * Weight and bias gradients of a convolution over a single input channel, stride 1, no dilation (a network's first
 * layer on greyscale images): {@code dW[o, u, v] = sum over n, y, x of dy[n, o, y, x] * xPadded[n, y + u, x + v]} and
 * {@code db[o] = sum of dy[n, o, ., .]}. Two implementations compute it: {@link VectorInputConvolutionKernel} with
 * the JDK's vector API where the JVM has that module and emits fused multiply-adds ({@link VectorModule}), {@link
 * InputConvolutionKernel} in loops the JIT vectorises on its own everywhere else.
 */
interface InputGradientKernel {

    /**
     * The kernel for this layer geometry: the vector one where its kernels apply (the vector class is loaded only
     * then) and an output plane holds at least one vector, else the plain one.
     */
    static InputGradientKernel create(FirstLayerShape shape) {
        if (VectorModule.kernelsApply() && VectorInputConvolutionKernel.handles(shape)) {
            return VectorInputConvolutionKernel.create(shape);
        }
        return new InputConvolutionKernel(shape);
    }

    /** The layer shape this kernel's scratch is sized for. */
    FirstLayerShape shape();

    /**
     * @param x       the input, [n, 1, inH, inW] in C order
     * @param dy      the gradient at the layer's pre-activation output, [n, outputs, outH, outW] in C order
     * @param padTop  input rows of zero padding above (Same mode) or 0
     * @param padLeft input columns of zero padding to the left
     * @param dW      receives [outputs, 1, kH, kW] in C order
     * @param db      receives [outputs]
     */
    void gradients(float[] x, int n, int inH, int inW, float[] dy, int padTop, int padLeft, float[] dW, float[] db);
}
