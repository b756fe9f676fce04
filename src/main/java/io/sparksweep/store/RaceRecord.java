package io.sparksweep.store;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.Locale;

/**
 * One row of the {@code race} table: a decision of a race over seeds (see decide.RacePolicy).
 *
 * @param seeds          the look: decided on the first {@code seeds} seeds of each candidate still racing
 * @param afterRuns      runs the race had committed to at that look
 * @param action         what happened to the trial
 * @param againstTrialId the remaining trial found better than it with the smallest p-value; null when none
 * @param mean           its mean score over those seeds (the sweep's metric on the selection set, validation by
 *                       default: accuracy, or loss); for the winner, its mean over all its ok runs (the ranking's)
 * @param pValue         its evidence of not being among the best: Simes over its one-sided paired t-tests against
 *                       the others (decide.RaceDecision)
 * @param threshold      the step-down threshold it was held to (the look's share of alpha over the candidates
 *                       still in the step-down); NaN when none
 */
public record RaceRecord(int seeds, int afterRuns, String trialId, Action action, String againstTrialId, double mean,
                         double againstMean, double pValue, double threshold) {

    /** The {@code action} column of the race table: the decision's lower-case name. */
    public enum Action {
        /** Significantly worse than the best at a look: no more seeds. */
        ELIMINATED,
        /** A run of it failed or diverged: no score to race with. */
        FAILED,
        /** The leader when the race ended. */
        WINNER;

        /** The value in the table: {@code eliminated}, {@code failed}, {@code winner}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** This decision as a row of the {@code race} table of sweep {@code sweep}. */
    public Row row(String sweep) {
        return RowFactory.create(sweep, seeds, afterRuns, trialId, action.label(), againstTrialId, mean, againstMean,
                pValue, threshold);
    }
}
