package io.sparksweep.engine;

import io.sparksweep.run.RunKey;
import io.sparksweep.store.SweepStore;

import java.util.Set;

/**
 * Where a sweep's runs come from, as part of its {@link SweepRequest}: called by the engine once the sweep's lock is
 * held, with the runs already done, it returns the {@link RunSource} the engine pulls runs from until it is exhausted.
 * A search strategy (see the {@code search} package) reads the sweep's finished results from the locked store here,
 * or keeps files of the sweep folder (saved states) while it runs.
 */
@FunctionalInterface
public interface RunSources {

    /** Every trial x seed of the request not done yet, in repeat-major order ({@link FixedRuns}). */
    RunSources EVERY_RUN = (request, done, store) -> FixedRuns.of(request, done);

    /**
     * @param request the request the engine runs
     * @param done    runs of this sweep that are done: finished in the tables or the journal, plus those that failed
     *                earlier unless the policy retries them
     * @param store   the locked store of the sweep
     */
    RunSource start(SweepRequest request, Set<RunKey> done, SweepStore store);
}
