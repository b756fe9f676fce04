package io.sparksweep.store;

/**
 * One row of the {@code race} table: a decision of a race over seeds (see decide.RacePolicy).
 *
 * @param seeds          the look: decided on the first {@code seeds} seeds of each candidate still racing
 * @param afterRuns      runs the race had committed to at that look
 * @param action         eliminated, failed or winner
 * @param againstTrialId the trial it was found worse than; null when none
 * @param mean           its mean score over those seeds (the sweep's metric: accuracy, or loss)
 * @param pValue         two-sided p-value of the comparison with the best at that look (decide.RaceDecision)
 * @param threshold      Holm threshold of that comparison at the race's level per look; NaN when none
 */
public record RaceRecord(int seeds, int afterRuns, String trialId, String action, String againstTrialId, double mean,
                         double againstMean, double pValue, double threshold) {
}
