package io.sparksweep.search;

import io.sparksweep.decide.RacePolicy;
import io.sparksweep.engine.SweepEngine;
import io.sparksweep.engine.SweepOutcome;
import io.sparksweep.engine.SweepRequest;
import io.sparksweep.store.RaceRecord;
import io.sparksweep.store.ResultsRoot;
import io.sparksweep.store.RunScore;
import io.sparksweep.stats.Selection;
import io.sparksweep.store.SweepStore;
import io.sparksweep.run.RunKey;
import io.sparksweep.run.RunStatus;
import io.sparksweep.spec.SpecException;
import io.sparksweep.spec.SweepDefinition;
import org.apache.spark.sql.SparkSession;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs a sweep as a race over seeds ({@code search: {strategy: race}}): the engine trains what the
 * {@link RaceSource} offers; afterwards the race's decisions become the {@code race} table. Rerunning the
 * same spec replays the decisions from the stored runs and continues the race.
 */
public final class RaceSweep {

    private final SparkSession spark;
    private final PrintWriter console;

    public RaceSweep(SparkSession spark, PrintWriter console) {
        this.spark = spark;
        this.console = console;
    }

    /** @throws SpecException when the race's budget cannot even give every candidate its first seeds */
    public SweepOutcome run(SweepEngine engine, SweepRequest request, SweepDefinition.Race race, String specSource,
                            Path resultsRoot) {
        return run(engine, request, race, specSource, ResultsRoot.of(resultsRoot));
    }

    /** The store is opened (and its lock held) before and after the engine's run, not during it. */
    public SweepOutcome run(SweepEngine engine, SweepRequest request, SweepDefinition.Race race, String specSource,
                            ResultsRoot resultsRoot) {
        int needed = request.trials().size() * race.minRepeats();
        if (race.budget() > 0 && race.budget() < needed) {
            throw new SpecException(specSource, "race.budget", "must be at least candidates x repeats.min = "
                    + request.trials().size() + " x " + race.minRepeats() + " = " + needed + ", got " + race.budget());
        }
        List<RunScore> scores;
        try (SweepStore store = SweepStore.open(spark, resultsRoot, request.name())) {
            scores = store.finishedScores();
        }
        RaceSource[] source = new RaceSource[1];
        Selection selection = Selection.VALIDATION;
        double resolution = resolution(request, selection);
        console.printf("%s: race over %d candidates, %d-%d seeds each, alpha %s%s, on %s %s%n", request.name(),
                request.trials().size(), race.minRepeats(), race.maxRepeats(), race.alpha(),
                race.budget() > 0 ? ", budget " + race.budget() + " runs" : "", selection.label(),
                request.higherIsBetter() ? "accuracy" : "loss");
        SweepOutcome outcome = engine.run(request, resultsRoot, done -> {
            source[0] = new RaceSource(request.name(), request.trials(), request.masterSeed(), race,
                    request.higherIsBetter(), selection, resolution, withEarlierFailures(scores, done));
            return source[0];
        });
        List<RaceRecord> decisions = source[0].decisions();
        try (SweepStore store = SweepStore.open(spark, resultsRoot, request.name())) {
            store.writeRace(decisions);
        }
        RacePolicy.Progress progress = source[0].progress();
        long eliminated = decisions.stream().filter(d -> !d.action().equals("winner")).count();
        console.printf("%s: race %s after %d of %d runs (%s): %d candidate(s) out, %d left%s%n", request.name(),
                progress.over() ? "decided" : "not finished", progress.committed(),
                request.trials().size() * race.maxRepeats(), progress.end().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                eliminated, progress.aliveCount(),
                source[0].winner().map(t -> "; winner " + t.trialId()).orElse(""));
        return outcome;
    }

    /** One item of the selection set for an accuracy (its smallest step); 0 for a loss, which is continuous. */
    static double resolution(SweepRequest request, Selection selection) {
        if (!request.higherIsBetter() || request.data() == null) {
            return 0;
        }
        int items = selection == Selection.VALIDATION ? request.data().validation().count()
                : request.data().test().count();
        return items > 0 ? 1.0 / items : 0;
    }

    /**
     * Runs the engine counts as done but that have no score (failed earlier and not retried) are failures to
     * the race too; offering them again would train them twice.
     */
    private static List<RunScore> withEarlierFailures(List<RunScore> scores, Set<RunKey> done) {
        Set<RunKey> scored = new HashSet<>();
        scores.forEach(s -> scored.add(new RunKey(s.trialId(), s.seed())));
        List<RunScore> all = new ArrayList<>(scores);
        done.stream().filter(key -> !scored.contains(key))
                .forEach(key -> all.add(new RunScore(key.trialId(), key.seed(), RunStatus.FAILED, Double.NaN, Double.NaN)));
        return all;
    }
}
