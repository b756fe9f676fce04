package io.sparksweep.engine;

import io.sparksweep.run.RunRecord;

/**
 * How long runs train between checkpoints, and where a paused run's checkpoint is kept until the run ends: a killed
 * sweep or rerun then loses at most one interval of each run in flight, and the same command goes on from the
 * checkpoints. The loop ({@link RunLoop}) calls it; the runs' sources never see it.
 */
public interface RunCheckpoints {

    /** Runs never pause: what training that keeps nothing between calls uses (a data-parallel run). */
    RunCheckpoints NONE = new RunCheckpoints() {
        @Override
        public RunAssignment prepare(RunAssignment run) {
            return run;
        }

        @Override
        public void save(RunAssignment continuation) {
        }

        @Override
        public void discard(RunRecord ended) {
        }
    };

    /** The run as it is submitted: with the pause interval, and with the checkpoint an earlier call kept of it, if any. */
    RunAssignment prepare(RunAssignment run);

    /** Keeps a paused run's checkpoint, replacing the one it had, before the run goes on. */
    void save(RunAssignment continuation);

    /** Drops the checkpoint of a run that ended, once the caller has recorded the run. */
    void discard(RunRecord ended);
}
