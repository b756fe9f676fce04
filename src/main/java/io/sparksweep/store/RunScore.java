package io.sparksweep.store;

import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunStatus;

/** What a search needs to know of a finished run: which it was, whether it worked, and its test metrics. */
public record RunScore(String trialId, long seed, RunStatus status, double testAccuracy, double testLoss) {

    public static RunScore of(RunRecord run) {
        return new RunScore(run.trialId(), run.seed(), run.status(), run.testAccuracy(), run.testLoss());
    }

    public boolean ok() {
        return status == RunStatus.OK;
    }
}
