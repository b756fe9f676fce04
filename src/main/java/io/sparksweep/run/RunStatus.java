package io.sparksweep.run;

import java.util.Locale;

/**
 * How a training run ended. The lower-case {@link #label()} is what the tables, the journal and the console
 * show, so SQL filters read {@code status = 'ok'}.
 */
public enum RunStatus {
    /** Trained and evaluated: its test metrics count. */
    OK,
    /** Stopped by an error, a timeout or a lost executor: no metrics, and it may be retried. */
    FAILED,
    /** The loss became NaN or infinite: a finished result of its configuration, never retried. */
    DIVERGED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the run is settled: ok and diverged runs are never trained again, failed ones may be. */
    public boolean finished() {
        return this != FAILED;
    }

    /** The status of a stored label; an unknown label is a corrupt store, reported as such. */
    public static RunStatus of(String label) {
        for (RunStatus status : values()) {
            if (status.label().equals(label)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown run status '" + label + "' (expected ok, failed or diverged)");
    }

    @Override
    public String toString() {
        return label();
    }
}
