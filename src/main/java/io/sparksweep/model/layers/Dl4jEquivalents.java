package io.sparksweep.model.layers;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.impl.ActivationReLU;

/**
 * The DL4J layer each project layer stands in for (and DL4J's ReLU for {@link MaskedReluActivation}), so code that
 * dispatches on DL4J's layer classes (cost model, helper report) treats both alike, and a saved model names only
 * DL4J's classes.
 */
public final class Dl4jEquivalents {

    private static final Map<Class<?>, Class<?>> CONFIGURATIONS = Map.of(
            InputConvolutionLayer.class, ConvolutionLayer.class,
            EluActivationLayer.class, ActivationLayer.class,
            TwoPassBatchNormalization.class, BatchNormalization.class,
            IndexedMaxPoolingLayer.class, SubsamplingLayer.class,
            FusedDenseLayer.class, DenseLayer.class,
            FusedOutputLayer.class, OutputLayer.class,
            OneDnnConvolutionLayer.class, ConvolutionLayer.class);

    private static final Map<Class<?>, Class<?>> RUNTIME = Map.of(
            InputConvolution.class, org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class,
            EluActivation.class, org.deeplearning4j.nn.layers.ActivationLayer.class,
            TwoPassBatchNorm.class, org.deeplearning4j.nn.layers.normalization.BatchNormalization.class,
            IndexedMaxPooling.class, org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer.class,
            FusedDense.class, org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class,
            FusedOutput.class, org.deeplearning4j.nn.layers.OutputLayer.class,
            OneDnnConvolution.class, org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class);

    /** Activation functions, by the same rule. */
    private static final Map<Class<?>, Class<?>> ACTIVATIONS = Map.of(MaskedReluActivation.class, ActivationReLU.class);

    private Dl4jEquivalents() {
    }

    /**
     * The same network with DL4J's own layer classes in place of the project's, for code that runs the network
     * outside {@code train.RunTrainer} (which wires the project layers' heap hand-off), e.g. dl4j-spark's
     * parameter averaging. Exact: the project layers add no configuration fields, only faster code.
     */
    public static String plainJson(String networkJson) {
        String json = networkJson;
        for (Map<Class<?>, Class<?>> classes : List.of(CONFIGURATIONS, ACTIVATIONS)) {
            for (Map.Entry<Class<?>, Class<?>> e : classes.entrySet()) {
                json = json.replace('"' + e.getKey().getName() + '"', '"' + e.getValue().getName() + '"');
            }
        }
        return json;
    }

    /** The DL4J configuration class {@code layer} replaces, or its own class. */
    public static Class<?> configurationClass(org.deeplearning4j.nn.conf.layers.Layer layer) {
        return CONFIGURATIONS.getOrDefault(layer.getClass(), layer.getClass());
    }

    /**
     * A copy of {@code conf} with every project layer replaced by the DL4J layer it stands in for, same settings
     * (iteration count and layer seeds included): what a saved model carries, so that any plain DL4J program loads
     * it. The project layers subclass those DL4J layers without adding fields or parameters, so the parameter
     * and updater-state layouts are the same.
     */
    public static MultiLayerConfiguration plainConfiguration(MultiLayerConfiguration conf) {
        MultiLayerConfiguration copy = conf.clone();
        for (NeuralNetConfiguration layerConf : copy.getConfs()) {
            Layer layer = layerConf.getLayer();
            Class<?> dl4j = configurationClass(layer);
            if (dl4j != layer.getClass()) {
                layerConf.setLayer(sameSettings(layer, dl4j.asSubclass(Layer.class)));
            }
            MaskedReluActivation.swapOut(layerConf.getLayer());
        }
        return copy;
    }

    /**
     * {@code layer}'s configuration as an instance of {@code target}, copied through the JSON form (DL4J's layer
     * constructors are private): between a DL4J layer and a project layer standing in for it, which adds no fields.
     */
    static <T extends Layer> T sameSettings(Layer layer, Class<T> target) {
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        ObjectNode node = mapper.valueToTree(layer);
        node.put("@class", target.getName());
        try {
            return target.cast(mapper.treeToValue(node, Layer.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot copy " + layer.getClass().getSimpleName() + " as "
                    + target.getSimpleName(), e);
        }
    }

    /** The DL4J runtime class {@code layer} replaces, or its own class. */
    public static Class<?> runtimeClass(org.deeplearning4j.nn.api.Layer layer) {
        return RUNTIME.getOrDefault(layer.getClass(), layer.getClass());
    }
}
