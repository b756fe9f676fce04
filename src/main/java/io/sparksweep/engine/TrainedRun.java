package io.sparksweep.engine;

import io.sparksweep.run.RunRecord;

import java.io.Serializable;

/**
 * A finished run as it comes back from the executor that trained it.
 *
 * @param model the best epoch's network as a DL4J model zip (updater state included) when the run was asked to
 *              keep it and ended ok, else null. Executors never write to the results folder: the driver stores it
 */
public record TrainedRun(RunRecord run, byte[] model) implements Serializable {
}
