package io.sparksweep.bench;

/**
 * Where the CPU time of a throughput experiment's timed span went, in cores (CPU seconds per wall second).
 *
 * @param training         the runs' own threads (forward, backward, update, feeding minibatches)
 * @param jit              HotSpot's compiler threads
 * @param gc               the collector threads and the VM thread
 * @param other            the rest of the process: ND4J's and JavaCPP's deallocator threads, reference handling
 * @param jitSecondsSoFar  CPU seconds the compiler threads used from JVM start to the end of timing: a one-off
 *                         cost per JVM that a timed span only partly shows
 */
public record CpuUse(double training, double jit, double gc, double other, double jitSecondsSoFar) {
}
