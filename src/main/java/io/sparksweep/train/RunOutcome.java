package io.sparksweep.train;

import io.sparksweep.run.ClassMetrics;
import io.sparksweep.run.EpochRecord;
import io.sparksweep.run.RunStatus;

import java.util.List;
import java.util.Map;

/**
 * What one training run produced.
 *
 * @param runtime native runtime facts of this run (backend, helpers, threads), for provenance
 */
public record RunOutcome(RunStatus status, String error, double testAccuracy, double testLoss, int epochsTrained,
                         int bestEpoch, double seconds, List<EpochRecord> epochs, List<ClassMetrics> classes,
                         long[][] confusion, Map<String, String> runtime) {
}
