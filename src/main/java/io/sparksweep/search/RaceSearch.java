package io.sparksweep.search;

import io.sparksweep.engine.RunSource;
import io.sparksweep.engine.SweepRequest;
import io.sparksweep.run.RunKey;
import io.sparksweep.spec.SpecException;
import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.stats.Selection;
import io.sparksweep.store.RunScore;
import io.sparksweep.store.SweepStore;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A race over seeds ({@code search: {strategy: race}}): the engine trains what the {@link RaceSource} offers and
 * publishes its decisions as the {@code race} table. Rerunning the same spec replays the decisions from the stored
 * runs and continues the race.
 *
 * @param specSource the spec's name, for errors in its {@code race} section
 * @param selection  the set whose metric the race decides on ({@code training.selection}: validation by default)
 */
public record RaceSearch(SweepDefinition.Race race, String specSource, Selection selection) implements SearchStrategy {

    /** @throws SpecException when the race's budget cannot even give every candidate its first seeds */
    @Override
    public SweepRequest runs(SweepRequest request) {
        int needed = request.trials().size() * race.minRepeats();
        if (race.budget() > 0 && race.budget() < needed) {
            throw new SpecException(specSource, "race.budget", "must be at least candidates x repeats.min = "
                    + request.trials().size() + " x " + race.minRepeats() + " = " + needed + ", got " + race.budget());
        }
        return request;
    }

    @Override
    public Optional<String> header(SweepRequest request) {
        return Optional.of(String.format("%s: race over %d candidates, %d-%d seeds each, alpha %s%s, on %s %s",
                request.name(), request.trials().size(), race.minRepeats(), race.maxRepeats(), race.alpha(),
                race.budget() > 0 ? ", budget " + race.budget() + " runs" : "", selection.label(),
                request.metric().label()));
    }

    @Override
    public RunSource start(SweepRequest request, Set<RunKey> done, SweepStore store) {
        return new RaceSource(request.name(), request.trials(), request.masterSeed(), race, request.metric(),
                selection, resolution(request, selection), KnownRuns.withEarlierFailures(store.finishedScores(), done));
    }

    /** One item of the selection set for an accuracy (its smallest step); 0 for a loss, which is continuous. */
    static double resolution(SweepRequest request, Selection selection) {
        if (request.metric() != RankMetric.ACCURACY || request.data() == null) {
            return 0;
        }
        int items = selection == Selection.VALIDATION ? request.data().validation().count()
                : request.data().test().count();
        return items > 0 ? 1.0 / items : 0;
    }
}
