package io.sparksweep.stats;

/**
 * What a sweep's ranking is computed from and at what level: the same choice gives the same leader and verdicts
 * in {@code run}, {@code best}, the report, {@code rerun --best} and the budget view.
 *
 * @param metric     accuracy (higher is better) or loss (lower is better)
 * @param selection  the set whose metric chooses; the test metric of the chosen is reported beside it
 * @param alpha      level of the comparisons with the leader
 * @param correction how those comparisons are corrected for their number
 */
public record RankingChoice(RankMetric metric, Selection selection, double alpha, Correction correction) {

    public static final double DEFAULT_ALPHA = 0.05;

    public RankingChoice {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1, got " + alpha);
        }
    }

    /** Level 0.05, Holm over all pairs: what every command uses unless told otherwise. */
    public static RankingChoice of(RankMetric metric, Selection selection) {
        return new RankingChoice(metric, selection, DEFAULT_ALPHA, Correction.HOLM);
    }
}
