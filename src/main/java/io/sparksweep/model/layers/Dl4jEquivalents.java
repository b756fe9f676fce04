package io.sparksweep.model.layers;

import java.util.Map;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * The DL4J layer each project layer stands in for, so code that dispatches on DL4J's layer classes (cost model,
 * helper report) treats both alike.
 */
public final class Dl4jEquivalents {

    private static final Map<Class<?>, Class<?>> CONFIGURATIONS = Map.of(
            InputConvolutionLayer.class, ConvolutionLayer.class,
            EluActivationLayer.class, ActivationLayer.class,
            TwoPassBatchNormalization.class, BatchNormalization.class,
            IndexedMaxPoolingLayer.class, SubsamplingLayer.class);

    private static final Map<Class<?>, Class<?>> RUNTIME = Map.of(
            InputConvolution.class, org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class,
            EluActivation.class, org.deeplearning4j.nn.layers.ActivationLayer.class,
            TwoPassBatchNorm.class, org.deeplearning4j.nn.layers.normalization.BatchNormalization.class,
            IndexedMaxPooling.class, org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer.class);

    private Dl4jEquivalents() {
    }

    /**
     * The same network with DL4J's own layer classes in place of the project's, for code that runs the network
     * outside {@code train.RunTrainer} (which wires the project layers' heap hand-off), e.g. dl4j-spark's
     * parameter averaging. Exact: the project layers add no configuration fields, only faster code.
     */
    public static String plainJson(String networkJson) {
        String json = networkJson;
        for (Map.Entry<Class<?>, Class<?>> e : CONFIGURATIONS.entrySet()) {
            json = json.replace('"' + e.getKey().getName() + '"', '"' + e.getValue().getName() + '"');
        }
        return json;
    }

    /** The DL4J configuration class {@code layer} replaces, or its own class. */
    public static Class<?> configurationClass(org.deeplearning4j.nn.conf.layers.Layer layer) {
        return CONFIGURATIONS.getOrDefault(layer.getClass(), layer.getClass());
    }

    /** The DL4J runtime class {@code layer} replaces, or its own class. */
    public static Class<?> runtimeClass(org.deeplearning4j.nn.api.Layer layer) {
        return RUNTIME.getOrDefault(layer.getClass(), layer.getClass());
    }
}
