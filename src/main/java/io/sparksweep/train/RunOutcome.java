package io.sparksweep.train;

import io.sparksweep.results.ClassMetrics;
import io.sparksweep.results.EpochRecord;

import java.util.List;
import java.util.Map;

/**
 * What one training run produced.
 *
 * @param status  ok, failed or diverged (see {@link io.sparksweep.results.RunRecord})
 * @param runtime native runtime facts of this run (backend, helpers, threads), for provenance
 */
public record RunOutcome(String status, String error, double testAccuracy, double testLoss, int epochsTrained,
                         int bestEpoch, double seconds, List<EpochRecord> epochs, List<ClassMetrics> classes,
                         long[][] confusion, Map<String, String> runtime) {
}
