package io.sparksweep.run;

import java.io.Serializable;

import java.util.List;
import java.util.Map;

/**
 * Everything one finished (or failed) training run produced: one row of {@code runs}, its rows of
 * {@code epochs}, {@code classes} and {@code confusion}.
 *
 * @param sweep           sweep name
 * @param trialId         stable id of the configuration
 * @param model           model family name, or "custom" for a user's own Arbiter space
 * @param seed            run seed (weight init, shuffling, dropout)
 * @param repeat          index of the seed within the trial, 0-based
 * @param hyperparameters one entry per hyperparameter, insertion-ordered; values are Double, Integer,
 *                        Boolean or String, with the same type for a key across a sweep. A swept
 *                        {@code model} key is the family again: tables keep it only in their {@code model} column
 * @param status          how the run ended
 * @param error           message of a failed/diverged run, null when ok
 * @param testAccuracy    accuracy on the test set (NaN when not ok)
 * @param testLoss        loss on the test set (NaN when not ok)
 * @param epochsTrained   epochs actually run
 * @param bestEpoch       1-based epoch whose weights were kept (lowest validation loss), 0 if none
 * @param trainSeconds    wall time of training plus evaluation
 * @param executor        Spark executor id and host that ran it
 * @param gpu             GPU address bound to the run, null on CPU
 * @param epochs          learning curve
 * @param classes         per-class metrics on the test set (empty when not ok)
 * @param confusion       confusion matrix [actual][predicted] on the test set (empty when not ok)
 * @param provenance      JSON: library/Java/OS versions, native backend, data hash, threads
 * @param finishedAt      epoch millis when the run ended
 */
public record RunRecord(String sweep, String trialId, String model, long seed, int repeat, Map<String, Object> hyperparameters,
                        RunStatus status, String error, double testAccuracy, double testLoss, int epochsTrained,
                        int bestEpoch, double trainSeconds, String executor, String gpu, List<EpochRecord> epochs,
                        List<ClassMetrics> classes, long[][] confusion, String provenance, long finishedAt) implements Serializable {

    public boolean ok() {
        return status == RunStatus.OK;
    }

    public RunKey key() {
        return new RunKey(trialId, seed);
    }

    /** The epoch whose weights were kept and tested: what a choice on validation reads; empty when not ok. */
    public java.util.Optional<EpochRecord> bestEpochRecord() {
        return ok() ? epochs.stream().filter(e -> e.epoch() == bestEpoch).findFirst() : java.util.Optional.empty();
    }
}
