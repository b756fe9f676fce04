package io.sparksweep.report;

import io.sparksweep.run.RunStatus;

/** A run that failed or diverged, with its error message (may be null). */
public record ProblemRun(String trialId, long seed, RunStatus status, String error) {
}
