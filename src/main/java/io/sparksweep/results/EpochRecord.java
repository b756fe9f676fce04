package io.sparksweep.results;

/** One epoch of one run. Epochs are 1-based. */
public record EpochRecord(int epoch, double trainLoss, double valLoss, double valAccuracy, double seconds) {
}
