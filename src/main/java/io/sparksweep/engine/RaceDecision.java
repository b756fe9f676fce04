package io.sparksweep.engine;

/**
 * One decision of a race: a row of the {@code race} table.
 *
 * @param seeds       the look: decided on the first {@code seeds} seeds of every candidate still in the race
 * @param afterRuns   runs the race had committed to when it took this decision (its position in the race)
 * @param candidate   index of the candidate decided on, in trial order
 * @param action      what happened to it
 * @param against     the candidate it was found worse than (the leader when possible); -1 when none
 * @param mean        its mean score over the first {@code seeds} seeds (higher is better)
 * @param againstMean the other candidate's mean over the same seeds; NaN when none
 * @param pValue      paired two-sided t-test against {@code against}; NaN when no test decided
 * @param threshold   the Holm threshold the p-value was held to at this look; NaN when no test decided
 */
public record RaceDecision(int seeds, int afterRuns, int candidate, Action action, int against, double mean,
                           double againstMean, double pValue, double threshold) {

    public enum Action {
        /** Significantly worse than another candidate still in the race: no more seeds. */
        ELIMINATED,
        /** A run of it failed or diverged: no score to race with. */
        FAILED,
        /** The leader when the race ended (best mean over the last look's seeds). */
        WINNER
    }
}
