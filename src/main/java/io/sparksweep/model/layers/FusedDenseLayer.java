package io.sparksweep.model.layers;

import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link DenseLayer} whose training passes add the bias and apply ELU, ReLU or identity in Java ({@link FusedDense}),
 * keeping the activation for the backward pass, which DL4J's layer recomputes (a second forward GEMM, bias broadcast
 * and activation per step). Inference, other activations and layer norm are DL4J's.
 *
 * <p>The model families declare DL4J's dense layer; {@link FusedLayers#swapIn} puts this one in its place where a
 * network is built for training.
 */
public class FusedDenseLayer extends DenseLayer {

    /** For JSON deserialisation; build instances with {@link #of(DenseLayer)}. */
    public FusedDenseLayer() {
    }

    /** The same configuration as {@code dl4j} (copied through its JSON form: DL4J's constructor is private). */
    public static FusedDenseLayer of(DenseLayer dl4j) {
        return Dl4jEquivalents.sameSettings(dl4j, FusedDenseLayer.class);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FusedDenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return RuntimeLayers.wire(new FusedDense(conf, networkDataType), this, conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public FusedDenseLayer clone() {
        return (FusedDenseLayer) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 5;
    }
}
