package io.sparksweep.stats;

import java.util.Locale;

/** Which held-out set a decision is taken on: validation chooses, test reports what was chosen. */
public enum SelectionSet {
    /** The validation split at the run's best epoch: the default for every choice. */
    VALIDATION,
    /** The test set: the old habit, which leaves nothing to estimate the winner's score honestly. */
    TEST;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
