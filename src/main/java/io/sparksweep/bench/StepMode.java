package io.sparksweep.bench;

/** What one timed step does; the last two split a training step's cost into its parts. */
public enum StepMode {
    /** {@code net.fit(DataSet)}, no listeners. */
    FIT,
    /** {@code net.fit(DataSet)} with a listener that reads the score every iteration, as a trainer would. */
    FIT_SCORE_LISTENER,
    /**
     * {@code net.fit(DataSetIterator)} over each window's batches; DL4J wraps the iterator in its
     * asynchronous prefetcher (an extra thread), as it does for a trainer that fits whole epochs.
     */
    FIT_ITERATOR,
    /** Forward and backward pass ({@code computeGradientAndScore}), no parameter update. */
    GRADIENT_ONLY,
    /** Forward pass in inference mode only. */
    INFERENCE
}
