package io.sparksweep.report;

/**
 * One epoch of a configuration, over its successful seeds. Standard deviations are NaN where only one seed
 * reached the epoch (early stopping ends seeds at different epochs).
 */
public record EpochStats(int epoch, double valAccuracyMean, double valAccuracyStd, double valLossMean,
                         double valLossStd, double trainLossMean, long seeds) {
}
