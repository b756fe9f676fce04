package io.sparksweep.report;

import java.util.List;

/** Validation curves of one of the top configurations, epochs in order. */
public record LearningCurve(int rank, String trialId, String label, List<EpochStats> epochs) {
}
