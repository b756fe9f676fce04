package io.sparksweep.engine;

import io.sparksweep.data.PreparedData;

import java.util.List;
import java.util.function.Consumer;

/**
 * How the runs of a rerun get trained: {@link SparkTaskTraining} (one Spark task per run, as a sweep trains them)
 * by default; another strategy (say one run trained across executors) plugs in here.
 */
public interface RunTraining {

    /**
     * Trains every run and hands each finished one to {@code finished} on the calling driver thread as soon as it
     * arrives, model zip included when the run asked to keep it.
     *
     * @param checkpoints where runs that pause between epochs are kept (ignored by training that cannot pause)
     * @throws IllegalStateException if training stops before every run finished (finished runs were handed over)
     */
    void train(List<RunAssignment> runs, PreparedData data, RunCheckpoints checkpoints, Consumer<TrainedRun> finished);

    /**
     * Marks the run ids (and model folders) of runs trained this way when they differ from one-task runs, so that
     * a rerun trained otherwise is another run, never taken for a finished one.
     */
    default String runIdSuffix() {
        return "";
    }
}
