package io.sparksweep.engine;

import java.time.Duration;

/**
 * How the engine treats runs that go wrong, or are cut short.
 *
 * @param runTimeout  longest one run may train (its task attempts' time, and the time before its checkpoints) before
 *                    its Spark job is cancelled and the run recorded as failed; null for no limit
 * @param retryFailed train again, on this call, runs recorded as failed by an earlier call. Off by default: a
 *                    run that failed after Spark's retries (say it crashes its executor every time) would only
 *                    burn executors again
 * @param checkpointEvery how long a run trains before it pauses at the next epoch's end and the driver keeps its
 *                    checkpoint ({@link StoredCheckpoints}); null never to pause
 */
public record RunPolicy(Duration runTimeout, boolean retryFailed, Duration checkpointEvery) {

    public static final RunPolicy DEFAULT = new RunPolicy(null, false);

    public RunPolicy {
        if (runTimeout != null && (runTimeout.isNegative() || runTimeout.isZero())) {
            throw new IllegalArgumentException("the run timeout must be positive, got " + runTimeout);
        }
        if (checkpointEvery != null && (checkpointEvery.isNegative() || checkpointEvery.isZero())) {
            throw new IllegalArgumentException("the checkpoint interval must be positive, got " + checkpointEvery);
        }
    }

    /** Checkpoints every {@link StoredCheckpoints#DEFAULT_INTERVAL}. */
    public RunPolicy(Duration runTimeout, boolean retryFailed) {
        this(runTimeout, retryFailed, StoredCheckpoints.DEFAULT_INTERVAL);
    }
}
