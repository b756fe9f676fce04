package io.sparksweep.train;

import io.sparksweep.run.ClassMetrics;
import io.sparksweep.run.EpochRecord;
import io.sparksweep.run.RunStatus;
import io.sparksweep.run.TestPredictions;

import java.util.List;
import java.util.Map;

/**
 * What one training run produced.
 *
 * @param runtime     native runtime facts of this run (backend, helpers, threads), for provenance
 * @param predictions every test item's label, predicted class and probabilities, from the same test evaluation as
 *                    the accuracy; null when the run did not end ok
 */
public record RunOutcome(RunStatus status, String error, double testAccuracy, double testLoss, int epochsTrained,
                         int bestEpoch, double seconds, List<EpochRecord> epochs, List<ClassMetrics> classes,
                         long[][] confusion, Map<String, String> runtime, TestPredictions predictions) {

    /** An outcome without per-item predictions. */
    public RunOutcome(RunStatus status, String error, double testAccuracy, double testLoss, int epochsTrained,
                      int bestEpoch, double seconds, List<EpochRecord> epochs, List<ClassMetrics> classes,
                      long[][] confusion, Map<String, String> runtime) {
        this(status, error, testAccuracy, testLoss, epochsTrained, bestEpoch, seconds, epochs, classes, confusion,
                runtime, null);
    }
}
