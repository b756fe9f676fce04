package io.sparksweep.model;

import static org.deeplearning4j.nn.conf.ConvolutionMode.Same;
import static org.deeplearning4j.nn.conf.ConvolutionMode.Truncate;
import static org.nd4j.linalg.activations.Activation.ELU;
import static org.nd4j.linalg.activations.Activation.RELU;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * The model families of the product's reference experiments on Fashion-MNIST (28x28x1 in, 10 classes out).
 * Each family is a short layer recipe written against {@link LayerStack}, which applies the
 * {@link ModelSettings} (kernel size, filter scaling, stride, dropout) and checks the geometry.
 * Conv filter counts below are the family's reference counts: {@code filters} rescales them in proportion.
 * The dropout of every family sits between its last dense layer and the layer after it.
 */
public enum ModelFamily {

    /** conv 6@5x5 Same-BN-ELU, pool, conv 16@5x5 valid-BN-ELU, pool, dense 120, dropout, dense 84: 61,794 params. */
    LENET5(5, 6) {
        @Override
        void layers(LayerStack net) {
            net.convBn(6, Same, ELU).maxPool()
                    .convBn(16, Truncate, ELU).maxPool()
                    .dense(120, ELU).dropout().dense(84, ELU);
        }
    },
    /** 2 x [conv-ReLU, conv-ReLU, pool] with 32 then 64 filters (3x3 Same), dense 512, dropout. */
    MINIVGG(3, 32) {
        @Override
        void layers(LayerStack net) {
            vgg(net, 512);
        }
    },
    /** One conv 32@3x3 valid ReLU, pool, dense 100, dropout: the filter-size x filter-count study. */
    BASELINE(3, 32) {
        @Override
        void layers(LayerStack net) {
            net.conv(32, Truncate, 1, RELU).maxPool().dense(100, RELU).dropout();
        }
    },
    /** 3 x [conv-BN-ReLU, conv-BN-ReLU, pool] with 32/64/128 filters (Same), dense 128, dropout. */
    DEEP(3, 32) {
        @Override
        void layers(LayerStack net) {
            for (int filters : new int[] {32, 64, 128}) {
                net.convBn(filters, Same, RELU).convBn(filters, Same, RELU).maxPool();
            }
            net.dense(128, RELU).dropout();
        }
    },
    /**
     * conv 20@3x3, 40@3x3, 80@3x3 (valid, ReLU, no BN), dense 100, dropout; {@code stride} applies to conv 2
     * and 3. Stride 1: 3,909,430 params (28-26-24-22); stride 2: 237,430 (28-26-12-5).
     */
    STRIDE(3, 20) {
        @Override
        void layers(LayerStack net) {
            int stride = net.stride();
            net.conv(20, Truncate, 1, RELU).conv(40, Truncate, stride, RELU).conv(80, Truncate, stride, RELU)
                    .dense(100, RELU).dropout();
        }
    },
    /** 2 x [conv-ReLU, conv-ReLU, pool] with 32 then 64 filters (3x3 Same), one FC block: dense 256, dropout. */
    VGGLIKE(3, 32) {
        @Override
        void layers(LayerStack net) {
            vgg(net, 256);
        }
    };

    private final int defaultKernelSize;
    private final int defaultFilters;

    ModelFamily(int defaultKernelSize, int defaultFilters) {
        this.defaultKernelSize = defaultKernelSize;
        this.defaultFilters = defaultFilters;
    }

    /** Adds the family's layers up to (not including) the softmax output layer. */
    abstract void layers(LayerStack net);

    private static void vgg(LayerStack net, int denseUnits) {
        net.conv(32, Same, 1, RELU).conv(32, Same, 1, RELU).maxPool()
                .conv(64, Same, 1, RELU).conv(64, Same, 1, RELU).maxPool()
                .dense(denseUnits, RELU).dropout();
    }

    /** The name used in specs and settings, e.g. {@code lenet5}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Conv kernel size when {@link ModelSettings#kernelSize()} is {@link ModelSettings#FAMILY_DEFAULT}. */
    public int defaultKernelSize() {
        return defaultKernelSize;
    }

    /** First conv layer's filters when {@link ModelSettings#filters()} is {@link ModelSettings#FAMILY_DEFAULT}. */
    public int defaultFilters() {
        return defaultFilters;
    }

    /** All family names, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ModelFamily::id).toList();
    }

    /**
     * @throws IllegalArgumentException "family: ..." for an unknown name
     */
    public static ModelFamily of(String name) {
        for (ModelFamily family : values()) {
            if (family.id().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return family;
            }
        }
        throw new IllegalArgumentException("family: unknown model family '" + name + "' (known: "
                + String.join(", ", names()) + ")");
    }

    /**
     * Builds this family's network for the given settings ({@code settings.family()} is not consulted).
     *
     * @throws IllegalArgumentException with a one-line message starting with the offending field's name
     */
    public MultiLayerConfiguration build(ModelSettings settings) {
        LayerStack net = new LayerStack(this, settings);
        layers(net);
        return net.build();
    }
}
