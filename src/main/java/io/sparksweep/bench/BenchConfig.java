package io.sparksweep.bench;

/**
 * One throughput experiment: how many networks train side by side in this JVM, with how many ND4J
 * threads each, and how the steps are fed and timed.
 *
 * @param label          free text naming the experiment in the results
 * @param runs           networks training concurrently, one Java thread each
 * @param threadsPerRun  ND4J/OpenMP threads of each run ({@code NativeAcceleration.useThreadsOnCurrentThread})
 * @param layerHelpers   DL4J oneDNN layer helpers on for the networks of this experiment
 * @param batchSize      examples per step
 * @param warmupBatches  untimed steps first (JIT, workspace sizing, oneDNN primitive caches)
 * @param windowBatches  steps per timing window
 * @param windows        timing windows per run; the median window is reported
 * @param fusedAdam      Adam in the project's fused Java loop ({@code FusedAdamUpdater}) where the network allows
 * @param heapHandoff    the project's layers pass heap copies to their neighbours ({@code HeapHandoff})
 * @param fusedLayers    dense and softmax output layers in the project's fused versions ({@code FusedLayers}), as a sweep
 *                       trains them
 */
public record BenchConfig(String label, int runs, int threadsPerRun, boolean layerHelpers, int batchSize,
                          int warmupBatches, int windowBatches, int windows, BatchSource batchSource,
                          StepMode stepMode, boolean fusedAdam, boolean heapHandoff, boolean fusedLayers) {

    public BenchConfig {
        if (runs < 1 || threadsPerRun < 1 || batchSize < 1 || warmupBatches < 0 || windowBatches < 1 || windows < 1) {
            throw new IllegalArgumentException("bad bench config " + label);
        }
    }

    /**
     * 1 run on 1 thread, helpers on, batch 64, 100 warm-up steps, 3 windows of 200, prebuilt, fit(DataSet), fused
     * Adam, heap handoff, fused dense and output layers.
     */
    public static BenchConfig defaults(String label) {
        return new BenchConfig(label, 1, 1, true, 64, 100, 200, 3, BatchSource.PREBUILT, StepMode.FIT, true, true, true);
    }

    public BenchConfig withParallelism(int runs, int threadsPerRun) {
        return new BenchConfig(label, runs, threadsPerRun, layerHelpers, batchSize, warmupBatches, windowBatches,
                windows, batchSource, stepMode, fusedAdam, heapHandoff, fusedLayers);
    }

    public BenchConfig withLayerHelpers(boolean value) {
        return new BenchConfig(label, runs, threadsPerRun, value, batchSize, warmupBatches, windowBatches, windows,
                batchSource, stepMode, fusedAdam, heapHandoff, fusedLayers);
    }

    public BenchConfig withWindows(int warmup, int perWindow, int count) {
        return new BenchConfig(label, runs, threadsPerRun, layerHelpers, batchSize, warmup, perWindow, count,
                batchSource, stepMode, fusedAdam, heapHandoff, fusedLayers);
    }

    public BenchConfig withBatchSource(BatchSource value) {
        return new BenchConfig(label, runs, threadsPerRun, layerHelpers, batchSize, warmupBatches, windowBatches,
                windows, value, stepMode, fusedAdam, heapHandoff, fusedLayers);
    }

    public BenchConfig withStepMode(StepMode value) {
        return new BenchConfig(label, runs, threadsPerRun, layerHelpers, batchSize, warmupBatches, windowBatches,
                windows, batchSource, value, fusedAdam, heapHandoff, fusedLayers);
    }

    public BenchConfig withLabel(String value) {
        return new BenchConfig(value, runs, threadsPerRun, layerHelpers, batchSize, warmupBatches, windowBatches,
                windows, batchSource, stepMode, fusedAdam, heapHandoff, fusedLayers);
    }
}
