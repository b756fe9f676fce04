package io.sparksweep.model;

import io.sparksweep.model.layers.EluActivationLayer;
import io.sparksweep.model.layers.IndexedMaxPoolingLayer;
import io.sparksweep.model.layers.InputConvolutionLayer;
import io.sparksweep.model.layers.TwoPassBatchNormalization;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds one family's layer list from {@link ModelSettings}: validates the settings, picks the kernel size and
 * the scaled filter counts, puts the dropout where the family asks for it, tracks the (square) feature-map
 * side to reject impossible geometry early, and ends with the 10-way softmax/MCXENT output layer.
 */
final class LayerStack {

    /** Fashion-MNIST: rows of 28 * 28 * 1 floats. */
    static final InputType INPUT = InputType.convolutionalFlat(28, 28, 1);
    static final int CLASSES = 10;
    static final List<String> OPTIMIZERS = List.of("adam", "sgd", "nesterovs", "rmsprop");

    private static final int POOL = 2;

    private final ModelFamily family;
    private final ModelSettings settings;
    private final int kernel;
    private final int stride;
    private final List<Layer> layers = new ArrayList<>();
    private final NeuralNetConfiguration.Builder global;
    private long side = 28;
    private boolean dropoutBeforeNext;

    LayerStack(ModelFamily family, ModelSettings s) {
        this.family = family;
        this.settings = s;
        require(s.learningRate() > 0 && Double.isFinite(s.learningRate()), "learningRate", "must be > 0",
                s.learningRate());
        require(s.dropout() >= 0 && s.dropout() < 1, "dropout", "must be in [0, 1)", s.dropout());
        require(s.l2() >= 0 && Double.isFinite(s.l2()), "l2", "must be >= 0", s.l2());
        require(s.kernelSize() >= 0, "kernelSize", "must be >= 1 (or 0 for the family default)", s.kernelSize());
        require(s.filters() >= 0, "filters", "must be >= 1 (or 0 for the family default)", s.filters());
        require(s.stride() >= 0, "stride", "must be >= 1 (or 0 for the family default)", s.stride());
        require(s.stride() <= 1 || family == ModelFamily.STRIDE, "stride",
                "only family 'stride' has strided conv layers, family " + family.id() + " does not", s.stride());
        this.kernel = s.kernelSize() == ModelSettings.FAMILY_DEFAULT ? family.defaultKernelSize() : s.kernelSize();
        this.stride = Math.max(1, s.stride());
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                // Each run sets its own seed before training; a fixed one here keeps the same settings' JSON
                // identical from build to build (DL4J's default is the time of day).
                .seed(0)
                .updater(updater(s.optimizer(), s.learningRate()))
                .activation(Activation.IDENTITY)
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                // Keeps conv forward activations for backprop instead of recomputing them: +4-14% training
                // throughput, same numbers (results/bench/perf-notes.md).
                .cacheMode(CacheMode.DEVICE);
        this.global = s.l2() > 0 ? b.l2(s.l2()) : b;
    }

    private static void require(boolean ok, String field, String rule, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + rule + ", got " + value);
        }
    }

    static IUpdater updater(String optimizer, double lr) {
        String name = optimizer == null ? "" : optimizer.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "adam" -> new Adam(lr, 0.9, 0.999, 1e-8);
            case "sgd" -> new Sgd(lr);
            case "nesterovs" -> new Nesterovs(lr, 0.9);
            case "rmsprop" -> new RmsProp(lr);
            default -> throw new IllegalArgumentException("optimizer: unknown optimizer '" + optimizer
                    + "' (known: " + String.join(", ", OPTIMIZERS) + ")");
        };
    }

    /** The stride of the strided conv layers: the setting, or 1 by default. */
    int stride() {
        return stride;
    }

    /**
     * A conv layer of {@code reference} filters (rescaled by the {@code filters} setting) with the settings'
     * kernel size.
     */
    LayerStack conv(int reference, ConvolutionMode mode, int stride, Activation activation) {
        return conv(reference, mode, stride, activation, activation);
    }

    /**
     * conv (linear) - batch norm - activation, the conv initialised for that activation. The activation is a
     * layer of its own: DL4J's BatchNormalization (1.0.0-M2.1) silently ignores its activation setting.
     */
    LayerStack convBn(int reference, ConvolutionMode mode, Activation activation) {
        conv(reference, mode, 1, Activation.IDENTITY, activation);
        // DL4J's batch norm with a faster batch variance: same numbers, results/bench/perf-notes.md
        add(new BatchNormalization.Builder().activation(Activation.IDENTITY),
                bn -> TwoPassBatchNormalization.of((BatchNormalization) bn));
        // ELU's backward pass from the forward output: same numbers, results/bench/perf-notes.md
        ActivationLayer.Builder act = activation == Activation.ELU ? new EluActivationLayer.Builder()
                : new ActivationLayer.Builder();
        return add(act.activation(activation));
    }

    private LayerStack conv(int reference, ConvolutionMode mode, int stride, Activation activation,
                            Activation initFor) {
        if (mode == ConvolutionMode.Same) {
            side = (side + stride - 1) / stride;
        } else {
            fits(kernel, "a " + kernel + "x" + kernel + " conv kernel");
            side = (side - kernel) / stride + 1;
        }
        // The network's first layer skips the gradient with respect to the network input, which DL4J throws away
        // (same numbers, results/bench/perf-notes.md).
        ConvolutionLayer.Builder builder = layers.isEmpty() ? new InputConvolutionLayer.Builder(kernel, kernel)
                : new ConvolutionLayer.Builder(kernel, kernel);
        return add(builder.stride(stride, stride).convolutionMode(mode)
                .nOut(filters(reference)).activation(activation).weightInit(init(initFor)));
    }

    /** 2x2 max pooling, stride 2. */
    LayerStack maxPool() {
        fits(POOL, "the 2x2 max pooling");
        side = (side - POOL) / POOL + 1;
        // Training passes in Java, backward a scatter to the recorded maxima: same numbers, perf-notes.md
        return add(new IndexedMaxPoolingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(POOL, POOL).stride(POOL, POOL));
    }

    LayerStack dense(int units, Activation activation) {
        return add(new DenseLayer.Builder().nOut(units).activation(activation).weightInit(init(activation)));
    }

    /** The next layer drops its inputs with probability {@code settings.dropout()} (no dropout when 0). */
    LayerStack dropout() {
        dropoutBeforeNext = true;
        return this;
    }

    MultiLayerConfiguration build() {
        add(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER));
        NeuralNetConfiguration.ListBuilder list = global.list();
        for (int i = 0; i < layers.size(); i++) {
            list.layer(i, layers.get(i));
        }
        return list.setInputType(INPUT).build();
    }

    private LayerStack add(Layer.Builder<?> builder) {
        return add(builder, UnaryOperator.identity());
    }

    /** Adds the built layer as {@code finish} returns it (e.g. a project subclass of the DL4J layer). */
    private LayerStack add(Layer.Builder<?> builder, UnaryOperator<Layer> finish) {
        if (dropoutBeforeNext && settings.dropout() > 0) {
            builder.dropOut(1 - settings.dropout()); // DL4J takes the probability of RETAINING a unit
        }
        dropoutBeforeNext = false;
        layers.add(finish.apply(builder.build()));
        return this;
    }

    /** round(reference * filters / the family's first reference count), at least 1. */
    private int filters(int reference) {
        if (settings.filters() == ModelSettings.FAMILY_DEFAULT) {
            return reference;
        }
        return (int) Math.max(1, Math.round((double) reference * settings.filters() / family.defaultFilters()));
    }

    private static WeightInit init(Activation activation) {
        return activation == Activation.RELU ? WeightInit.RELU : WeightInit.XAVIER;
    }

    private void fits(int window, String what) {
        if (window > side) {
            String culprit = settings.stride() > 1 && settings.kernelSize() != ModelSettings.FAMILY_DEFAULT
                    ? "kernelSize/stride" : settings.stride() > 1 ? "stride" : "kernelSize";
            throw new IllegalArgumentException(String.format(
                    "%s: %s does not fit the %dx%d feature map at layer %d of family %s (kernelSize=%d, stride=%d)",
                    culprit, what, side, side, layers.size(), family.id(), kernel, stride));
        }
    }
}
