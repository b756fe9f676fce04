package io.sparksweep.engine;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one loop that trains runs, for a sweep's runs, a rerun's and a data-parallel rerun's alike: at most as many in
 * flight as there are slots, the next run asked for as soon as one ends (so a slow run never holds up the others and a
 * search decides as late as possible), each finished run handed over on the driver's thread. When the loop ends
 * early (an exception from the caller, an interrupt) the runs still in flight are cancelled, so none keeps an
 * executor busy for a sweep that has stopped.
 */
final class RunLoop {

    private RunLoop() {
    }

    /**
     * Runs in flight as the loop drives them: one Spark job per run over the task slots ({@link RunJobs}), or one
     * data-parallel run over every executor ({@link DataParallelRuns}). Used from the loop's thread only.
     */
    interface Flights {

        /** How many runs may be in flight now. */
        int slots();

        int inFlight();

        /** Starts the run and returns at once. */
        void submit(RunAssignment run);

        /**
         * The next run that ended (failed ones included) or paused, waiting at most {@code wait}; null if none did
         * meanwhile.
         */
        RunResult awaitNext(long wait, TimeUnit unit) throws InterruptedException;

        /** Stops every run in flight (the loop is ending early). */
        void cancelAll();
    }

    /**
     * @param next        the next run to start, or empty when there is none to start now
     * @param checkpoints where a run that pauses is kept, and where a run that starts finds the checkpoint an earlier
     *                    call left of it; a paused run goes on at once, without asking {@code next}
     * @param finished    called once per ended run (ok, diverged or failed), before the next one is asked for
     */
    static void drain(Flights jobs, Supplier<Optional<RunAssignment>> next, RunCheckpoints checkpoints,
                      Consumer<TrainedRun> finished) throws InterruptedException {
        boolean stopping = true;
        try {
            while (true) {
                while (jobs.inFlight() < jobs.slots()) {
                    Optional<RunAssignment> run = next.get();
                    if (run.isEmpty()) {
                        break;
                    }
                    jobs.submit(checkpoints.prepare(run.get()));
                }
                if (jobs.inFlight() == 0) {
                    break;
                }
                RunResult result = jobs.awaitNext(1, TimeUnit.SECONDS);
                if (result instanceof PausedRun paused) {
                    checkpoints.save(paused.continuation());
                    jobs.submit(paused.continuation());
                } else if (result instanceof TrainedRun trained) {
                    finished.accept(trained);
                    checkpoints.discard(trained.run());
                }
            }
            stopping = false;
        } finally {
            if (stopping) {
                jobs.cancelAll();
            }
        }
    }
}
