package io.sparksweep.engine;

import io.sparksweep.space.Trial;
import io.sparksweep.train.RunTrainer;

import java.io.Serializable;
import java.time.Duration;

/**
 * One Spark task's work: one trial trained with one seed.
 *
 * @param keepModel  send the trained network back as a model zip ({@link TrainedRun#model()}), for runs whose model
 *                   is saved
 * @param startState a model zip (weights, updater state, iteration and epoch counts) to continue training from up
 *                   to the trial's {@code maxEpochs}, as successive halving does from one rung to the next; null to
 *                   train from scratch
 * @param pauseAfter how long the task trains before it pauses the run at the next epoch's end and sends it back as a
 *                   checkpoint ({@link RunCheckpoints}); null never to pause
 * @param resume     the checkpoint this run paused at, to go on from; null to start the run
 */
public record RunAssignment(String sweep, Trial trial, int repeat, long seed, boolean keepModel, byte[] startState,
                            Duration pauseAfter, RunTrainer.Paused resume) implements Serializable {

    public RunAssignment(String sweep, Trial trial, int repeat, long seed) {
        this(sweep, trial, repeat, seed, false, null);
    }

    public RunAssignment(String sweep, Trial trial, int repeat, long seed, boolean keepModel) {
        this(sweep, trial, repeat, seed, keepModel, null);
    }

    public RunAssignment(String sweep, Trial trial, int repeat, long seed, boolean keepModel, byte[] startState) {
        this(sweep, trial, repeat, seed, keepModel, startState, null, null);
    }

    /** The same run, pausing every {@code pauseAfter} (null: never) and going on from {@code resume} (null: its start). */
    public RunAssignment checkpointed(Duration pauseAfter, RunTrainer.Paused resume) {
        return new RunAssignment(sweep, trial, repeat, seed, keepModel, startState, pauseAfter, resume);
    }

    /** Epochs this run trained before its latest pause; 0 for a run that starts. */
    public int epochsBefore() {
        return resume == null ? 0 : resume.epochsTrained();
    }

    /** Training time this run spent before its latest pause; 0 for a run that starts. */
    public double secondsBefore() {
        return resume == null ? 0 : resume.seconds();
    }
}
