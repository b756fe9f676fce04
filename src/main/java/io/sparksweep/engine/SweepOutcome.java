package io.sparksweep.engine;

import java.nio.file.Path;

/**
 * What a call to the engine did.
 *
 * @param skipped runs already finished by an earlier call (resume)
 */
public record SweepOutcome(Path sweepDir, int totalRuns, int skipped, int ok, int failed, int diverged,
                           double seconds) {
}
