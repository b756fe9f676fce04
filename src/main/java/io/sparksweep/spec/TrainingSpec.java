package io.sparksweep.spec;

/**
 * @param maxEpochs upper bound of epochs per run; early stopping usually ends sooner
 * @param optimizer adam | sgd | nesterovs | rmsprop (may also be varied inside space)
 * @param metric    what "best" means in progress and summaries: accuracy (higher) or loss (lower)
 * @param saveModels none | best | all: which of the sweep's runs keep their model (see {@link SaveModels})
 * @param runTimeout longest one run may train (90s, 45m, 2h); none by default. Not part of what trains, so not of
 *                   the trial ids
 * @param selection validation (default) | test: which set's metric chooses the best configuration; the test metric
 *                  of what was chosen is reported beside it. Not part of what trains, so not of the trial ids
 */
public record TrainingSpec(Integer maxEpochs, String optimizer, String metric, String saveModels, String runTimeout,
                           String selection) {
}
