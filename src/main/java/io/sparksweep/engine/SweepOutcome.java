package io.sparksweep.engine;

import java.nio.file.Path;

/**
 * What a call to the engine did.
 *
 * @param sweepDir the sweep folder when the results root is local, else null
 * @param skipped  runs already finished by an earlier call (resume)
 * @param location the sweep folder as a path (local) or URI (any other Hadoop file system)
 */
public record SweepOutcome(Path sweepDir, int totalRuns, int skipped, int ok, int failed, int diverged,
                           double seconds, String location) {

    /** A sweep into a local folder. */
    public SweepOutcome(Path sweepDir, int totalRuns, int skipped, int ok, int failed, int diverged, double seconds) {
        this(sweepDir, totalRuns, skipped, ok, failed, diverged, seconds, sweepDir.toAbsolutePath().toString());
    }
}
