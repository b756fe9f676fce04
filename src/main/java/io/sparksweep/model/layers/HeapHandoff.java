package io.sparksweep.model.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Passes the heap copy of an array from one project layer to the next, so the next layer does not copy the same
 * values back from native memory: first conv -> batch norm -> ELU -> max pooling forward, and max pooling -> ELU ->
 * batch norm -> first conv backward. About 5% of a LeNet-5 step was such copies (perf-notes).
 * <p>
 * One slot per network, taken at most once: a layer that wrote {@code values} into a native array offers both; the
 * next project layer that reads an array takes the offer if it is exactly that array's memory, written by its direct
 * neighbour in the same direction (layer {@code i - 1} in the forward pass, {@code i + 1} backward), and otherwise
 * reads from native memory as before. The slot is cleared by every take, hit or miss, so an offer never outlives the
 * next read, and DL4J code that runs between two neighbours (workspace moves, preprocessors) can only cause a miss:
 * it hands over a different array. A layer must not change an array it took.
 */
public final class HeapHandoff {

    /** A layer that reads or writes through a network's handoff. */
    interface Party {
        void useHandoff(HeapHandoff handoff);
    }

    private long address;
    private long length;
    private float[] values;
    private int producer;
    private boolean forward;
    private long hits;

    /** Gives every project layer of {@code network} one shared handoff; call after {@code init()}. */
    public static HeapHandoff wire(MultiLayerNetwork network) {
        HeapHandoff handoff = new HeapHandoff();
        for (Layer layer : network.getLayers()) {
            if (layer instanceof Party party) {
                party.useHandoff(handoff);
            }
        }
        return handoff;
    }

    /** Reads that took a heap copy instead of copying from native memory. */
    public long hits() {
        return hits;
    }

    /** {@code values} are now exactly the contents of {@code written}, which layer {@code layerIndex} produced. */
    void offer(INDArray written, float[] values, int layerIndex, boolean forwardPass) {
        if (!HostArrays.isDense(written) || written.length() != values.length) {
            clear();
            return;
        }
        this.address = written.data().address();
        this.length = written.length();
        this.values = values;
        this.producer = layerIndex;
        this.forward = forwardPass;
    }

    /**
     * The offered heap copy when {@code input} is the offered array's memory and came from layer {@code layerIndex}'s
     * neighbour in this pass; null otherwise. Either way the offer is gone afterwards.
     */
    float[] take(INDArray input, int layerIndex, boolean forwardPass) {
        float[] offered = values;
        boolean neighbour = forward == forwardPass && producer == (forwardPass ? layerIndex - 1 : layerIndex + 1);
        boolean match = offered != null && neighbour && HostArrays.supported(input) && HostArrays.isDense(input)
                && input.length() == length && input.data().address() == address;
        clear();
        if (match) {
            hits++;
            return offered;
        }
        return null;
    }

    /** {@link #take} on a layer's handoff, which is null when the network was not wired. */
    static float[] take(HeapHandoff handoff, INDArray input, int layerIndex, boolean forwardPass) {
        return handoff == null ? null : handoff.take(input, layerIndex, forwardPass);
    }

    /**
     * {@link #take} on a layer's handoff, or else {@code input} copied into {@code scratch}, which must have
     * {@code input}'s length ({@link HostArrays#sized}). The caller may write {@code scratch} only when it was not
     * handed back: a taken array belongs to the neighbour.
     */
    static float[] takeOrRead(HeapHandoff handoff, INDArray input, int layerIndex, boolean forwardPass,
                              float[] scratch) {
        float[] taken = take(handoff, input, layerIndex, forwardPass);
        return taken != null ? taken : HostArrays.read(input, scratch);
    }

    /** {@link #offer} on a layer's handoff, if any. */
    static void offer(HeapHandoff handoff, INDArray written, float[] values, int layerIndex, boolean forwardPass) {
        if (handoff != null) {
            handoff.offer(written, values, layerIndex, forwardPass);
        }
    }

    private void clear() {
        values = null;
        address = 0;
        length = 0;
        producer = Integer.MIN_VALUE;
    }
}
