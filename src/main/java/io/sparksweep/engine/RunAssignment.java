package io.sparksweep.engine;

import io.sparksweep.space.Trial;

import java.io.Serializable;

/**
 * One Spark task's work: one trial trained with one seed.
 *
 * @param keepModel  send the trained network back as a model zip ({@link TrainedRun#model()}), for runs whose model
 *                   is saved
 * @param startState a model zip (weights, updater state, iteration and epoch counts) to continue training from up
 *                   to the trial's {@code maxEpochs}, as successive halving does from one rung to the next; null to
 *                   train from scratch
 */
public record RunAssignment(String sweep, Trial trial, int repeat, long seed, boolean keepModel, byte[] startState)
        implements Serializable {

    public RunAssignment(String sweep, Trial trial, int repeat, long seed) {
        this(sweep, trial, repeat, seed, false, null);
    }

    public RunAssignment(String sweep, Trial trial, int repeat, long seed, boolean keepModel) {
        this(sweep, trial, repeat, seed, keepModel, null);
    }
}
