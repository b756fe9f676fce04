package io.sparksweep.run;

/** Identity of a run: the same (trial, seed) is never trained twice into one sweep. */
public record RunKey(String trialId, long seed) {
}
