package io.sparksweep.store;

import io.sparksweep.stats.BestRanking;
import io.sparksweep.stats.ExpectedMaxCurve;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.stats.Ranking;
import io.sparksweep.stats.RankingChoice;
import io.sparksweep.stats.SampleStats;
import io.sparksweep.stats.Selection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one place a sweep's ranking is computed from its tables, so that {@code run}'s closing lines, {@code best},
 * the report, {@code rerun --best}, the budget view and a race's winner name the same leader with the same verdicts:
 * <ul>
 *   <li>the metric and the selection set of the {@link RankingChoice} (by default the spec's metric, chosen on
 *   validation): each run's {@code val_accuracy}/{@code val_loss} at its best epoch, or its test metric;</li>
 *   <li>only ok runs; failed and diverged ones are counted in a note;</li>
 *   <li>for successive halving only the last rung's trials (earlier rungs trained fewer epochs);</li>
 *   <li>for a decided race only the runs its decisions used (each candidate's seeds up to the look it left at):
 *   a race's winner is this ranking's leader over those runs ({@link #rank}), whatever spare runs timing added;</li>
 *   <li>tables written before runs recorded their validation metric fall back to the test set, with a note.</li>
 * </ul>
 */
public final class SweepRanking {

    private SweepRanking() {
    }

    /** The ranking of a stored sweep. */
    public static Ranking of(SweepResults results, RankingChoice choice) {
        List<String> notes = new ArrayList<>();
        Selection selection = choice.selection();
        String chosenColumn = choice.metric().column(selection);
        if (selection == Selection.VALIDATION) {
            long missing = results.okRunsWithout(chosenColumn);
            if (missing > 0) {
                notes.add(results.hasColumn(chosenColumn)
                        ? missing + " ok run(s) have no " + chosenColumn + " (trained before runs recorded it): chose "
                        + "on the test set instead, so the leader's test score is optimistic"
                        : "the runs table has no " + chosenColumn + " column (written before runs recorded it): "
                        + "chose on the test set instead, so the leader's test score is optimistic");
                selection = Selection.TEST;
            }
        }
        Map<String, SortedMap<Long, Double>> chosen = results.okValuesBySeed(choice.metric().column(selection));
        Map<String, SortedMap<Long, Double>> test = results.okValuesBySeed(choice.metric().column(Selection.TEST));
        Optional<Set<String>> lastRung = results.lastRungTrials();
        lastRung.ifPresent(keep -> {
            chosen.keySet().retainAll(keep);
            notes.add("successive halving: only the " + keep.size() + " trial(s) of the last rung reached are ranked "
                    + "(earlier rungs trained fewer epochs)");
        });
        results.racedRuns().ifPresent(raced -> {
            long spare = chosen.entrySet().stream().mapToLong(e -> e.getValue().keySet().stream()
                    .filter(seed -> !raced.getOrDefault(e.getKey(), Set.of()).contains(seed)).count()).sum();
            chosen.forEach((id, bySeed) -> bySeed.keySet().retainAll(raced.getOrDefault(id, Set.of())));
            if (spare > 0) {
                notes.add("race: only the runs the race decided on are ranked (each candidate's seeds up to the look "
                        + "it left at); " + spare + " spare run(s) trained while a look waited are left out");
            }
        });
        Map<String, Long> notOk = results.notOkRuns();
        if (!notOk.isEmpty()) {
            notes.add("left out: " + notOk.entrySet().stream().map(e -> e.getValue() + " " + e.getKey() + " run(s)")
                    .reduce((a, b) -> a + ", " + b).orElse("") + " (only ok runs are ranked)");
        }
        Ranking ranking = rank(chosen, choice);
        Map<String, SampleStats> reported = new TreeMap<>();
        chosen.forEach((id, bySeed) -> {
            SortedMap<Long, Double> testBySeed = test.getOrDefault(id, new TreeMap<>());
            double[] values = bySeed.keySet().stream().filter(testBySeed::containsKey).mapToDouble(testBySeed::get)
                    .toArray();
            if (values.length > 0) {
                reported.put(id, SampleStats.of(values));
            }
        });
        return ranking.chosenOn(selection, reported, results.testItems(), notes);
    }

    /**
     * The ranking step itself, on values already chosen (one metric on one set, ok runs only, keyed by trial id and
     * seed): the one rule {@link #of} applies to a stored sweep, and a race applies to the runs it trained to name
     * its winner, so both name the same leader.
     */
    public static Ranking rank(Map<String, ? extends Map<Long, Double>> chosen, RankingChoice choice) {
        return BestRanking.rank(chosen, choice.metric(), choice.alpha(), choice.correction());
    }

    /**
     * What the sweep's size bought: the expected mean test accuracy of the configuration the ranking would pick had
     * the sweep tried only n of its ranked configurations ({@link ExpectedMaxCurve#chosen}); each configuration once
     * (for halving, its last-rung trial), picked by the ranking's metric on its selection set.
     */
    public static ExpectedMaxCurve budget(SweepResults results, Ranking ranking) {
        Map<String, SortedMap<Long, Double>> accuracy = results.okValuesBySeed(RankMetric.ACCURACY.column());
        double[] chosen = ranking.entries().stream().mapToDouble(e -> e.stats().mean()).toArray();
        double[] reported = ranking.entries().stream().mapToDouble(e -> accuracy.getOrDefault(e.trialId(),
                new TreeMap<>()).values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN))
                .toArray();
        return ExpectedMaxCurve.chosen(chosen, reported, ranking.metric().higherIsBetter());
    }

    /** The ranking with the sweep's own choice (its spec's metric and selection) at level 0.05, Holm over all pairs. */
    public static Ranking of(SweepResults results) {
        return of(results, specChoice(results.specText()));
    }

    /**
     * The metric and selection set a spec asks for ({@code training.metric}, {@code training.selection}),
     * defaulting to accuracy chosen on validation; the same defaults for a sweep built with the Java API, whose
     * sweep table holds a description instead of a spec.
     */
    public static RankingChoice specChoice(String specText) {
        RankMetric metric = RankMetric.ACCURACY;
        Selection selection = Selection.VALIDATION;
        if (specText != null) {
            try {
                JsonNode training = new ObjectMapper(new YAMLFactory()).readTree(specText).path("training");
                if (training.path("metric").isTextual()) {
                    metric = RankMetric.parse(training.path("metric").asText());
                }
                if (training.path("selection").isTextual()) {
                    selection = Selection.parse(training.path("selection").asText());
                }
            } catch (java.io.IOException | IllegalArgumentException e) {
                // not a YAML spec (a Java API sweep's description): the defaults apply
            }
        }
        return RankingChoice.of(metric, selection);
    }
}
