package io.sparksweep.store;

import io.sparksweep.run.RunRecord;

/**
 * One run of a rerun: a trial of a sweep trained again with a fresh seed (a row of {@code reruns}, its rows of
 * {@code rerun_epochs} and {@code rerun_classes}).
 *
 * @param run       the run as a sweep run would record it ({@code repeat} is the rerun index)
 * @param runId     identity of the run: trial, seed and how it trained ({@code <trial>-<seed>}, with {@code -e<N>}
 *                  for another epoch budget or {@code -full<N>} for N epochs on train+validation); the name of its
 *                  model folder
 * @param fullTrain trained on train+validation for a fixed number of epochs
 * @param maxEpochs epoch budget (the exact count when {@code fullTrain})
 * @param modelPath the saved model zip, relative to the sweep folder; null when the run did not end ok
 */
public record RerunRecord(RunRecord run, String runId, boolean fullTrain, int maxEpochs, String modelPath) {
}
