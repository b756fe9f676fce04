package io.sparksweep.engine;

import io.sparksweep.run.RunRecord;
import io.sparksweep.run.TestPredictions;

import java.io.Serializable;

/**
 * A finished run as it comes back from the executor that trained it.
 *
 * @param model the best epoch's network as a DL4J model zip (updater state included) when the run was asked to
 *              keep it and ended ok, else null. Executors never write to the results folder: the driver stores it
 * @param predictions every test item's answer from the run's test evaluation when it ended ok, else null; the driver
 *                    journals it with the run
 */
public record TrainedRun(RunRecord run, byte[] model, TestPredictions predictions) implements RunResult, Serializable {

    /** A run without per-item predictions (one that did not end ok). */
    public TrainedRun(RunRecord run, byte[] model) {
        this(run, model, null);
    }
}
