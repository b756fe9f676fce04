package io.sparksweep.model.layers;

import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link OutputLayer} whose training passes, for a softmax with multi-class cross-entropy, compute the
 * probabilities, the gradient and the bias gradient in Java once per step and take the score from them
 * ({@link FusedOutput}); DL4J's layer runs its forward pass twice per step. Swapped in by {@link FusedLayers}.
 */
public class FusedOutputLayer extends OutputLayer {

    /** For JSON deserialisation; build instances with {@link #of(OutputLayer)}. */
    public FusedOutputLayer() {
    }

    /** The same configuration as {@code dl4j} (copied through its JSON form: DL4J's constructor is private). */
    public static FusedOutputLayer of(OutputLayer dl4j) {
        return Dl4jEquivalents.sameSettings(dl4j, FusedOutputLayer.class);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FusedOutputLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return RuntimeLayers.wire(new FusedOutput(conf, networkDataType), this, conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public FusedOutputLayer clone() {
        return (FusedOutputLayer) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 7;
    }
}
