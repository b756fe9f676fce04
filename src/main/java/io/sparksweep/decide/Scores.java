package io.sparksweep.decide;

/**
 * The two marks every decision rule's score arrays share besides real scores ("higher is better"): a run not
 * finished yet, and a run that failed or diverged. Plain doubles, so a rule reads its arrays without boxing.
 */
public final class Scores {

    /** A run not finished (or not reached) yet. */
    public static final double MISSING = Double.NaN;

    /** A run that failed or diverged: below every real score. */
    public static final double FAILED = Double.NEGATIVE_INFINITY;

    private Scores() {
    }
}
