package io.sparksweep.engine;

import java.time.Duration;

/**
 * How the engine treats runs that go wrong.
 *
 * @param runTimeout  longest one run may train (from the start of its latest task attempt) before its Spark job
 *                    is cancelled and the run recorded as failed; null for no limit
 * @param retryFailed train again, on this call, runs recorded as failed by an earlier call. Off by default: a
 *                    run that failed after Spark's retries (say it crashes its executor every time) would only
 *                    burn executors again
 */
public record RunPolicy(Duration runTimeout, boolean retryFailed) {

    public static final RunPolicy DEFAULT = new RunPolicy(null, false);

    public RunPolicy {
        if (runTimeout != null && (runTimeout.isNegative() || runTimeout.isZero())) {
            throw new IllegalArgumentException("the run timeout must be positive, got " + runTimeout);
        }
    }
}
