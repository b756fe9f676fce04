package io.sparksweep.engine;

import java.io.Serializable;

/**
 * A run that paused between two epochs ({@link RunAssignment#pauseAfter()}) so the driver can keep its checkpoint.
 *
 * @param continuation the same run, to go on from the checkpoint it paused at ({@link RunAssignment#resume()})
 */
public record PausedRun(RunAssignment continuation) implements RunResult, Serializable {
}
