package io.sparksweep.run;

import java.io.Serializable;

/** One epoch of one run. Epochs are 1-based. */
public record EpochRecord(int epoch, double trainLoss, double valLoss, double valAccuracy, double seconds) implements Serializable {
}
