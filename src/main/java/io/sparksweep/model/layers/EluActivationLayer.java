package io.sparksweep.model.layers;

import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link ActivationLayer} with cheaper training passes for ELU (alpha 1): the forward pass is a vectorised Java
 * loop ({@link EluKernel}, within 3.2e-7 relative of the exact value, where libnd4j's scalar {@code elu} took ~5x as
 * long), and the derivative is taken from the forward output, {@code min(out + 1, 1)}, instead of evaluating
 * {@code exp} again as DL4J's {@code elu_bp} does (results/bench/perf-notes.md). Any other
 * activation, inference, or a backward pass without a matching training forward pass uses DL4J's path.
 */
public class EluActivationLayer extends ActivationLayer {

    /** For JSON deserialisation. */
    protected EluActivationLayer() {
    }

    protected EluActivationLayer(Builder builder) {
        super(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        return RuntimeLayers.wire(new EluActivation(conf, networkDataType), this, conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public EluActivationLayer clone() {
        return (EluActivationLayer) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 2;
    }

    /** Same options as {@link ActivationLayer.Builder}. */
    public static class Builder extends ActivationLayer.Builder {

        @Override
        @SuppressWarnings("unchecked")
        public EluActivationLayer build() {
            return new EluActivationLayer(this);
        }
    }
}
