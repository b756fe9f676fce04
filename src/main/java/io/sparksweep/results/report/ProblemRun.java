package io.sparksweep.results.report;

/** A run that failed or diverged, with its error message (may be null). */
public record ProblemRun(String trialId, long seed, String status, String error) {
}
