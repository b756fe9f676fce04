package io.sparksweep.store;

import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunStatus;

/**
 * What decides which record of one (trial, seed) the tables keep: a finished run (ok or diverged) beats a
 * failed one, otherwise the later one wins. A failed retry never evicts a finished run, and a record
 * consolidated twice (journal kept after a crash) changes nothing.
 */
record RunStanding(RunStatus status, long finishedAt) {

    static RunStanding of(RunRecord run) {
        return new RunStanding(run.status(), run.finishedAt());
    }

    boolean finished() {
        return status.finished();
    }

    boolean beats(RunStanding other) {
        if (finished() != other.finished()) {
            return finished();
        }
        return finishedAt > other.finishedAt;
    }
}
