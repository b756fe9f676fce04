package io.sparksweep.search;

import io.sparksweep.engine.RunSource;
import io.sparksweep.engine.SweepEngine;
import io.sparksweep.engine.SweepOutcome;
import io.sparksweep.engine.SweepRequest;
import io.sparksweep.run.RunKey;
import io.sparksweep.store.ResultsRoot;
import io.sparksweep.store.SweepStore;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.Set;

/**
 * How a sweep chooses what to train: every trial x seed ({@link FixedSearch}, grid and random), a race over seeds
 * ({@link RaceSearch}) or successive halving over epochs ({@link HalvingSearch}). {@link SearchStrategies#of} picks
 * one from the spec; the code that trains never asks which one it has.
 *
 * <p>A strategy is driven by the engine inside the sweep's one lock: {@link #start} reads the finished results from
 * the locked store and returns the {@link RunSource} the engine pulls runs from; the source's decision table is
 * published in the same snapshot as the runs (see {@link RunSource#tables()}). Nothing is read under one lock and
 * trained under another.
 *
 * <p>A new strategy is one new class in this package that implements this interface (its pure rule, if any, in
 * {@code decide}), named in the {@code permits} clause below and given its case in {@link SearchStrategies#of}.
 */
public sealed interface SearchStrategy permits FixedSearch, RaceSearch, HalvingSearch {

    /**
     * The request the engine runs for the spec's {@code request}: the same, or one whose trials are what the
     * strategy's runs belong to (halving's rung trials).
     *
     * @throws io.sparksweep.spec.SpecException when the strategy's settings cannot work for this request; thrown
     *                                          before the sweep folder is touched
     */
    SweepRequest runs(SweepRequest request);

    /** The line said before training starts, if the strategy has one. */
    Optional<String> header(SweepRequest request);

    /**
     * Called by the engine with the sweep's lock held.
     *
     * @param request the spec's request (not {@link #runs}'s)
     * @param done    runs the engine counts as done: finished, or failed earlier and not retried
     * @param store   the locked store, to read finished results and to keep files (saved states) while running
     */
    RunSource start(SweepRequest request, Set<RunKey> done, SweepStore store);

    /** Runs the sweep with this strategy: one call of the engine, one lock, one snapshot per consolidation. */
    default SweepOutcome run(SweepEngine engine, SweepRequest request, ResultsRoot resultsRoot, PrintWriter console) {
        SweepRequest runs = runs(request);
        header(request).ifPresent(console::println);
        return engine.run(runs.withSources((engineRequest, done, store) -> start(request, done, store)), resultsRoot);
    }
}
