package io.sparksweep.bench;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.EnumSet;
import java.util.Set;

/**
 * The knobs of a reference network that change speed but not what it learns (or, for the activation,
 * barely): what the throughput experiments vary.
 *
 * @param activation hidden-layer activation; null keeps the model's own (ELU for LeNet-5, ReLU for mini-VGG)
 * @param format     memory layout of the conv/pool/BN activations (DL4J's default is NCHW)
 * @param tweaks     the project's own layer implementations to use instead of DL4J's (same numbers, faster)
 */
public record ModelOptions(DataType dataType, WorkspaceMode workspaceMode, CacheMode cacheMode,
                           Activation activation, CNN2DFormat format, long seed, Set<Tweak> tweaks) {

    /** Project layer implementations a bench network can switch on one by one. */
    public enum Tweak {
        /** First conv layer as {@code InputConvolutionLayer}: no gradient with respect to the network input. */
        INPUT_CONV,
        /** ELU activation layers as {@code EluActivationLayer}: derivative from the forward output. */
        ELU_LAYER,
        /** Batch-norm layers as {@code TwoPassBatchNormalization}: batch variance in two fast passes. */
        BN_TWO_PASS
    }

    public ModelOptions {
        tweaks = tweaks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(tweaks));
    }

    public ModelOptions(DataType dataType, WorkspaceMode workspaceMode, CacheMode cacheMode,
                        Activation activation, CNN2DFormat format, long seed) {
        this(dataType, workspaceMode, cacheMode, activation, format, seed, Set.of());
    }

    public static ModelOptions defaults() {
        return new ModelOptions(DataType.FLOAT, WorkspaceMode.ENABLED, CacheMode.NONE, null, CNN2DFormat.NCHW, 42);
    }

    public boolean has(Tweak tweak) {
        return tweaks.contains(tweak);
    }

    public ModelOptions withDataType(DataType value) {
        return new ModelOptions(value, workspaceMode, cacheMode, activation, format, seed, tweaks);
    }

    public ModelOptions withWorkspaceMode(WorkspaceMode value) {
        return new ModelOptions(dataType, value, cacheMode, activation, format, seed, tweaks);
    }

    public ModelOptions withCacheMode(CacheMode value) {
        return new ModelOptions(dataType, workspaceMode, value, activation, format, seed, tweaks);
    }

    public ModelOptions withActivation(Activation value) {
        return new ModelOptions(dataType, workspaceMode, cacheMode, value, format, seed, tweaks);
    }

    public ModelOptions withFormat(CNN2DFormat value) {
        return new ModelOptions(dataType, workspaceMode, cacheMode, activation, value, seed, tweaks);
    }

    public ModelOptions withSeed(long value) {
        return new ModelOptions(dataType, workspaceMode, cacheMode, activation, format, value, tweaks);
    }
}
