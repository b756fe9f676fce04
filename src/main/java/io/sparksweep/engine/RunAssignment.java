package io.sparksweep.engine;

import io.sparksweep.space.Trial;

import java.io.Serializable;

/**
 * One Spark task's work: one trial trained with one seed.
 *
 * @param keepModel send the trained network back as a model zip ({@link TrainedRun#model()}), for runs whose model
 *                  is saved
 */
public record RunAssignment(String sweep, Trial trial, int repeat, long seed, boolean keepModel) implements Serializable {

    public RunAssignment(String sweep, Trial trial, int repeat, long seed) {
        this(sweep, trial, repeat, seed, false);
    }
}
