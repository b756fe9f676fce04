package io.sparksweep.search;

import io.sparksweep.engine.RunSource;
import io.sparksweep.engine.SweepRequest;
import io.sparksweep.run.RunKey;
import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.stats.RankingChoice;
import io.sparksweep.stats.Selection;
import io.sparksweep.store.SweepStore;

import java.util.Optional;
import java.util.Set;

/**
 * Successive halving over epochs ({@code search: {strategy: halving}}): the engine trains what the
 * {@link HalvingSource} offers, a trial per candidate and rung, and publishes its decisions as the {@code promotions}
 * table. Rerunning the same spec replays the decisions from the stored runs and states and goes on.
 *
 * @param selection the set the sweep's ranking chooses on ({@code training.selection}): the winner is that ranking's
 *                  leader over the last rung's runs
 */
public record HalvingSearch(SweepDefinition.Halving halving, Selection selection) implements SearchStrategy {

    /** The candidates' rung trials: what the runs of a halving sweep belong to. */
    @Override
    public SweepRequest runs(SweepRequest request) {
        return new SweepRequest(request.name(), HalvingSource.rungTrials(request.trials(), halving),
                request.repeats(), request.masterSeed(), request.data(), request.specText(), request.origin(), request.metric(),
                request.saveModels(), request.recipe());
    }

    @Override
    public Optional<String> header(SweepRequest request) {
        return Optional.of(String.format(
                "%s: successive halving of %d candidates x %d seeds over rungs %s epochs, keeping 1/%d at each",
                request.name(), request.trials().size(), request.repeats(), halving.rungs(), halving.reduction()));
    }

    @Override
    public RunSource start(SweepRequest request, Set<RunKey> done, SweepStore store) {
        return new HalvingSource(request.name(), request.trials(), request.masterSeed(), request.repeats(), halving,
                RankingChoice.of(request.metric(), selection),
                KnownRuns.withEarlierFailures(store.finishedScores(), done), store);
    }
}
