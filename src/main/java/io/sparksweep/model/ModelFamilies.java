package io.sparksweep.model;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * Entry point for the engine and spec validation: builds the DL4J network of a {@link ModelSettings}.
 * The families themselves are in {@link ModelFamily}.
 */
public final class ModelFamilies {

    private ModelFamilies() {
    }

    /**
     * @return a configuration for rows of 784 floats (28x28x1) and 10 softmax classes; its seed is left to the
     *         trainer
     * @throws IllegalArgumentException with a one-line message starting with the offending field's name, for an
     *         unknown family or optimizer, a setting out of range or a kernel/stride that does not fit
     */
    public static MultiLayerConfiguration build(ModelSettings settings) {
        return ModelFamily.of(settings.family()).build(settings);
    }

    /** Known family names, e.g. for spec validation. */
    public static List<String> names() {
        return ModelFamily.names();
    }

    /** Known optimizer names. */
    public static List<String> optimizers() {
        return LayerStack.OPTIMIZERS;
    }

    /** The family's conv kernel size used when {@code kernelSize} is {@link ModelSettings#FAMILY_DEFAULT}. */
    public static int defaultKernelSize(String family) {
        return ModelFamily.of(family).defaultKernelSize();
    }

    /** The family's first-layer filter count used when {@code filters} is {@link ModelSettings#FAMILY_DEFAULT}. */
    public static int defaultFilters(String family) {
        return ModelFamily.of(family).defaultFilters();
    }
}
