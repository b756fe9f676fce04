package io.sparksweep.bench;

/** Where each training step's minibatch comes from. */
public enum BatchSource {
    /** All minibatches built as INDArrays once, before timing, and reused every epoch. */
    PREBUILT,
    /** Each step copies its slice of the Java arrays into fresh INDArrays (features and one-hot labels). */
    PER_BATCH
}
