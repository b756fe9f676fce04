package io.sparksweep.search;

import io.sparksweep.decide.HalvingPolicy;
import io.sparksweep.engine.SweepEngine;
import io.sparksweep.engine.SweepOutcome;
import io.sparksweep.engine.SweepRequest;
import io.sparksweep.run.RunKey;
import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.store.PromotionRecord;
import io.sparksweep.store.ResultsRoot;
import io.sparksweep.store.SweepStore;
import org.apache.spark.sql.SparkSession;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a sweep as successive halving over epochs ({@code search: {strategy: halving}}): the engine trains what the
 * {@link HalvingSource} offers, a trial per candidate and rung; afterwards its decisions become the {@code promotions}
 * table. Rerunning the same spec replays the decisions from the stored runs and states and goes on.
 */
public final class HalvingSweep {

    private final SparkSession spark;
    private final PrintWriter console;

    public HalvingSweep(SparkSession spark, PrintWriter console) {
        this.spark = spark;
        this.console = console;
    }

    /**
     * @param request the candidates as trials (each with the spec's training plan), as for a plain sweep
     */
    public SweepOutcome run(SweepEngine engine, SweepRequest request, SweepDefinition.Halving halving,
                            ResultsRoot resultsRoot) {
        SweepRequest rungs = new SweepRequest(request.name(), HalvingSource.rungTrials(request.trials(), halving),
                request.repeats(), request.masterSeed(), request.data(), request.specText(), request.higherIsBetter(),
                request.saveModels(), request.recipe());
        Map<RunKey, Double> scores;
        try (SweepStore store = SweepStore.open(spark, resultsRoot, request.name())) {
            scores = store.finishedValidationAccuracies();
        }
        HalvingSource[] source = new HalvingSource[1];
        console.printf("%s: successive halving of %d candidates x %d seeds over rungs %s epochs, keeping 1/%d at each%n",
                request.name(), request.trials().size(), request.repeats(), halving.rungs(), halving.reduction());
        SweepOutcome outcome = engine.run(rungs, resultsRoot, (done, store) -> {
            Map<RunKey, Double> known = new HashMap<>(scores);
            done.forEach(key -> known.putIfAbsent(key, Double.NaN)); // failed earlier, not retried
            source[0] = new HalvingSource(request.name(), request.trials(), request.masterSeed(), request.repeats(),
                    halving, known, store);
            return source[0];
        });
        List<PromotionRecord> promotions = source[0].promotions();
        try (SweepStore store = SweepStore.open(spark, resultsRoot, request.name())) {
            store.writePromotions(promotions);
        }
        HalvingPolicy.Progress progress = source[0].progress();
        int full = request.trials().size() * request.repeats() * halving.rungs().get(halving.rungs().size() - 1);
        console.printf("%s: halving %s at rung %d of %d; %d run-epochs (full training of every candidate: %d)%s%n",
                request.name(), progress.over() ? "decided" : "not finished", progress.rung() + 1, halving.rungs().size(),
                source[0].runEpochs(), full, source[0].winner().map(t -> "; winner " + t.trialId()).orElse(""));
        return outcome;
    }
}
