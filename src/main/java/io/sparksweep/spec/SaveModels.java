package io.sparksweep.spec;

import java.util.Locale;

/** Which of a sweep's own runs keep their trained model ({@code training.saveModels}). */
public enum SaveModels {
    /** none (the default): a sweep measures; `rerun` makes the models */
    NONE,
    /** one per trial: its best run's by the sweep's metric, replaced when a better run of the trial finishes */
    BEST,
    /** every ok run's */
    ALL;

    /** The spec's spelling. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
