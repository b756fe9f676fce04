package io.sparksweep.model.layers;

import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link ConvolutionLayer} for the first layer of a network: the same parameters, outputs and weight/bias gradients
 * (for a single input channel computed in Java, the forward pass only where the JVM has the vector module), but its
 * backward pass does not compute the gradient with respect to the network's input, which {@code MultiLayerNetwork}
 * throws away for layer 0 anyway. On oneDNN that input gradient
 * costs more than the rest of the layer's backward pass together: with one input channel oneDNN pads the input
 * gradient to 16 channels (LeNet-5: ~6 of ~34 ms per training step, results/bench/perf-notes.md).
 *
 * <p>Use it only as layer 0 and only for training with {@code fit}/{@code computeGradientAndScore}:
 * {@code MultiLayerNetwork.backpropGradient(...)} returns NaN as the gradient with respect to the network input. Serialises as its own class
 * name in the network JSON; {@code MultiLayerConfiguration.fromJson} reads it wherever this jar is on the classpath.
 */
public class InputConvolutionLayer extends ConvolutionLayer {

    /** For JSON deserialisation. */
    protected InputConvolutionLayer() {
    }

    protected InputConvolutionLayer(Builder builder) {
        super(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        LayerValidation.assertNInNOutSet("InputConvolutionLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return RuntimeLayers.wire(new InputConvolution(conf, networkDataType), this, conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public InputConvolutionLayer clone() {
        return (InputConvolutionLayer) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 1;
    }

    /** Same options as {@link ConvolutionLayer.Builder}. */
    public static class Builder extends ConvolutionLayer.Builder {

        public Builder(int... kernelSize) {
            super(kernelSize);
        }

        @Override
        @SuppressWarnings("unchecked")
        public InputConvolutionLayer build() {
            ConvolutionUtils.validateConvolutionModePadding(convolutionMode, padding);
            ConvolutionUtils.validateCnnKernelStridePadding(kernelSize, stride, padding);
            return new InputConvolutionLayer(this);
        }
    }
}
