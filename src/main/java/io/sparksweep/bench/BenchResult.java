package io.sparksweep.bench;

import java.util.List;

/**
 * @param model                  bench model name, or whatever the caller named its configuration
 * @param dataType               the network's data type
 * @param workspaceMode          the network's training workspace mode
 * @param sumOfMedians           the runs' median window rates added up
 * @param aggregateImagesPerSec  all timed images of all runs over the wall time from the common start
 *                               of timing to the last run's end (robust when runs finish unevenly)
 * @param cpuCoresBusy           process CPU time over that wall time: how many cores the runs kept busy
 * @param imagesPerCpuSecond     timed images per second of process CPU time: less sensitive than images/s
 *                               to other work on a shared machine (inflated by spinning OpenMP threads)
 * @param loadAverageBefore      1-minute system load before the experiment (others' work on the machine)
 * @param jvm                    Java version, GC and relevant flags
 * @param cpu                    how the timed span's CPU time divides between the runs' threads, the JIT compiler,
 *                               the collector and the rest
 * @param cpuModel               the processor ("model name" in /proc/cpuinfo): ratios to other frameworks depend on it
 * @param processors             processors this JVM may use
 * @param openblasCoreType       the kernel ND4J's OpenBLAS was told to use ({@code OPENBLAS_CORETYPE}), or null where it
 *                               chose by itself
 * @param nd4jBuffersPerStep     ND4J data buffers created per timed training step, all runs' steps counted: each
 *                               carries a deallocation record that the garbage collector copies at least once
 */
public record BenchResult(BenchConfig config, String model, String dataType, String workspaceMode,
                          List<RunResult> runs, double sumOfMedians, double aggregateImagesPerSec,
                          double cpuCoresBusy, double imagesPerCpuSecond, double loadAverageBefore, double loadAverageAfter, String jvm,
                          CpuUse cpu, String cpuModel, int processors, String openblasCoreType,
                          double nd4jBuffersPerStep) {
}
