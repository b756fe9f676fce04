package io.sparksweep.search;

import io.sparksweep.engine.FixedRuns;
import io.sparksweep.engine.RunSource;
import io.sparksweep.engine.SweepRequest;
import io.sparksweep.run.RunKey;
import io.sparksweep.store.SweepStore;

import java.util.Optional;
import java.util.Set;

/** Grid and random search: every trial x seed not done yet, in repeat-major order; no decisions, no table of its own. */
public record FixedSearch() implements SearchStrategy {

    @Override
    public SweepRequest runs(SweepRequest request) {
        return request;
    }

    @Override
    public Optional<String> header(SweepRequest request) {
        return Optional.empty();
    }

    @Override
    public RunSource start(SweepRequest request, Set<RunKey> done, SweepStore store) {
        return FixedRuns.of(request, done);
    }
}
