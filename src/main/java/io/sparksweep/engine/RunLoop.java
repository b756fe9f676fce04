package io.sparksweep.engine;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one loop that trains runs as Spark jobs, for a sweep's runs and a rerun's alike: at most as many in flight as
 * there are task slots, the next run asked for as soon as one ends (so a slow run never holds up the others and a
 * search decides as late as possible), each finished run handed over on the driver's thread. When the loop ends
 * early (an exception from the caller, an interrupt) the runs still in flight are cancelled, so none keeps an
 * executor busy for a sweep that has stopped.
 */
final class RunLoop {

    private RunLoop() {
    }

    /**
     * @param next     the next run to start, or empty when there is none to start now
     * @param finished called once per ended run (ok, diverged or failed), before the next one is asked for
     */
    static void drain(RunJobs jobs, Supplier<Optional<RunAssignment>> next, Consumer<TrainedRun> finished)
            throws InterruptedException {
        boolean stopping = true;
        try {
            while (true) {
                while (jobs.inFlight() < jobs.slots()) {
                    Optional<RunAssignment> run = next.get();
                    if (run.isEmpty()) {
                        break;
                    }
                    jobs.submit(run.get());
                }
                if (jobs.inFlight() == 0) {
                    break;
                }
                TrainedRun trained = jobs.awaitNext(1, TimeUnit.SECONDS);
                if (trained != null) {
                    finished.accept(trained);
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
