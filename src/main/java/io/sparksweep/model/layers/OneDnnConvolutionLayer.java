package io.sparksweep.model.layers;

import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link ConvolutionLayer} computed by oneDNN's primitives called directly ({@link OneDnnConvolution}), for
 * conv layers after the first whose activation is plain ReLU or the identity. The model families declare DL4J's conv
 * layer; {@link FusedLayers#swapIn} puts this one in its place where a network is built for training, when oneDNN's
 * library loaded ({@link #takes}).
 */
public class OneDnnConvolutionLayer extends ConvolutionLayer {

    /** For JSON deserialisation; build instances with {@link #of(ConvolutionLayer)}. */
    public OneDnnConvolutionLayer() {
    }

    /** The same configuration as {@code dl4j} (copied through its JSON form: DL4J's constructor is private). */
    public static OneDnnConvolutionLayer of(ConvolutionLayer dl4j) {
        return Dl4jEquivalents.sameSettings(dl4j, OneDnnConvolutionLayer.class);
    }

    /**
     * Whether this layer can stand in for {@code dl4j}: a plain conv layer after the first (the first has its own,
     * {@link InputConvolutionLayer}), NCHW, no dilation, dropout or weight noise, ReLU or identity, and oneDNN loaded.
     */
    static boolean takes(ConvolutionLayer dl4j) {
        return dl4j.getClass() == ConvolutionLayer.class && dl4j.getNIn() > 1 && OneDnnConvolution.planned(dl4j);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        LayerValidation.assertNInNOutSet("OneDnnConvolutionLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return RuntimeLayers.wire(new OneDnnConvolution(conf, networkDataType), this, conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public OneDnnConvolutionLayer clone() {
        return (OneDnnConvolutionLayer) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 8;
    }
}
