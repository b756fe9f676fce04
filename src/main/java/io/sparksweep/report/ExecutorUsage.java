package io.sparksweep.report;

/** Runs and training time one Spark executor (and GPU, null on CPU) spent on the sweep. */
public record ExecutorUsage(String executor, String gpu, long runs, double trainSeconds) {
}
