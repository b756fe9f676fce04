package io.sparksweep.model.layers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;

/**
 * Puts {@link FusedDenseLayer} and {@link FusedOutputLayer} in place of DL4J's dense and output layers,
 * {@link OneDnnConvolutionLayer} in place of the conv layers after the first that it takes, and
 * {@link MaskedReluActivation} in place of DL4J's plain ReLU, where a network is built for training (the trainer, the
 * bench), like the fused Adam updater. The model families declare DL4J's layers, so a trial's network JSON, and with
 * it its id, stays what the family declares; only the arithmetic's rounding differs from DL4J's layers.
 */
public final class FusedLayers {

    private FusedLayers() {
    }

    /**
     * Replaces every plain DL4J dense and output layer of {@code conf}, same settings, the conv layers
     * {@link OneDnnConvolutionLayer} takes, and every plain ReLU; returns
     * {@code conf}.
     */
    public static MultiLayerConfiguration swapIn(MultiLayerConfiguration conf) {
        for (NeuralNetConfiguration layerConf : conf.getConfs()) {
            if (layerConf.getLayer().getClass() == DenseLayer.class) {
                layerConf.setLayer(FusedDenseLayer.of((DenseLayer) layerConf.getLayer()));
            } else if (layerConf.getLayer() instanceof ConvolutionLayer conv && OneDnnConvolutionLayer.takes(conv)) {
                layerConf.setLayer(OneDnnConvolutionLayer.of(conv));
            } else if (layerConf.getLayer().getClass() == OutputLayer.class) {
                layerConf.setLayer(FusedOutputLayer.of((OutputLayer) layerConf.getLayer()));
            }
            MaskedReluActivation.swapIn(layerConf.getLayer());
        }
        return conf;
    }
}
