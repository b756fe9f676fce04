package io.sparksweep.testing;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A test-only activation that poisons its run the way a native crash or a wedged kernel would: {@code halt}
 * ends the JVM at once (like kill -9 or the OOM killer), {@code hang} never returns and ignores interrupts;
 * also {@code throw} and {@code slow}, see below.
 * It travels inside the network's JSON (DL4J names activation classes there), so only executors that have the
 * test classes can run it.
 */
public final class PoisonActivation extends BaseActivationFunction {

    public static final String HALT = "halt";
    public static final String HANG = "hang";
    /** Throws on the first forward pass: a run failing inside training, which the trainer records itself. */
    public static final String THROW = "throw";
    /** Sleeps 20 s on the first forward pass, deaf to interrupts, then trains normally. */
    public static final String SLOW = "slow";

    private transient boolean slept;

    private String mode = HALT;

    public PoisonActivation() {
    }

    public PoisonActivation(String mode) {
        this.mode = mode;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        if (HALT.equals(mode)) {
            Runtime.getRuntime().halt(137);
        }
        if (THROW.equals(mode)) {
            throw new IllegalStateException("poisoned activation");
        }
        if (SLOW.equals(mode) && slept) {
            return new ActivationIdentity().getActivation(in, training);
        }
        slept = true;
        long until = SLOW.equals(mode) ? System.nanoTime() + 20_000_000_000L : Long.MAX_VALUE;
        while (System.nanoTime() < until) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException ignored) {
                // A wedged native call does not notice interrupts either.
            }
        }
        return new ActivationIdentity().getActivation(in, training);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        return new ActivationIdentity().backprop(in, epsilon);
    }

    @Override
    public String toString() {
        return "poison(" + mode + ")";
    }
}
