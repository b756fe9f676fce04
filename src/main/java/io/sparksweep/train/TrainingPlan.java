package io.sparksweep.train;

import java.io.Serializable;

/**
 * How one run trains, apart from the network itself.
 *
 * @param patience epochs without a lower validation loss before stopping
 */
public record TrainingPlan(int batchSize, boolean shuffle, int patience, int maxEpochs) implements Serializable {

    public TrainingPlan {
        if (batchSize <= 0 || patience <= 0 || maxEpochs <= 0) {
            throw new IllegalArgumentException("batchSize, patience and maxEpochs must be > 0: " + this);
        }
    }
}
