package io.sparksweep.decide;

/**
 * One decision of a race: a row of the {@code race} table.
 *
 * @param seeds       the look: decided on the first {@code seeds} seeds of every candidate still in the race
 * @param afterRuns   runs the race had committed to when it took this decision (its position in the race)
 * @param candidate   index of the candidate decided on, in trial order
 * @param action      what happened to it
 * @param against     the remaining candidate found better than it with the smallest p-value; -1 when none
 * @param mean        its mean score over the first {@code seeds} seeds (higher is better)
 * @param againstMean the other candidate's mean over the same seeds; NaN when none
 * @param pValue      the candidate's evidence of not being among the best: Simes' combination of its one-sided
 *                    paired t-tests over the first {@code seeds} seeds against every other candidate (standard
 *                    deviation at least the score resolution); NaN when none
 * @param threshold   the step-down threshold it was held to: the look's share of alpha / the remaining candidates
 *                    still in the step-down (Holm); NaN when no test decided
 */
public record RaceDecision(int seeds, int afterRuns, int candidate, Action action, int against, double mean,
                           double againstMean, double pValue, double threshold) {

    public enum Action {
        /** Significantly worse than the best at a look: no more seeds. */
        ELIMINATED,
        /** A run of it failed or diverged: no score to race with. */
        FAILED,
        /**
         * The race's verdict once it ended: the leader of the sweep's ranking over the runs the race trained (never
         * decided by the policy itself, which only eliminates; see {@code search.RaceSource}).
         */
        WINNER
    }
}
