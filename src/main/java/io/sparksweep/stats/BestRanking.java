package io.sparksweep.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Ranks trials by the mean of a metric and tests each against the leader: a paired t-test by seed when both
 * have the same seeds, else Welch's test (see {@link PairedComparison}).
 *
 * <p>The leader is picked from the same runs it is compared with, so the usual "each trial vs the leader,
 * Holm over those k - 1 tests" calls equal trials worse far more often than alpha: the leader is the luckiest
 * of k, and its k - 1 gaps are the largest the data holds. What does hold the level is to put the comparisons
 * with the leader inside the family of all k(k - 1)/2 pairwise comparisons, which does not depend on who leads,
 * and to correct over that whole family: with {@link Correction#HOLM}, Holm's step-down method (Holm 1979) over
 * every pair of testable trials, and a trial is worse only when its pair with the leader is rejected. Holm over
 * all pairs controls the chance of any false rejection among them, whatever the true means and whoever leads;
 * so the chance that any trial as good as the best is called worse is at most alpha. Hsu's multiple
 * comparisons with the best (Hsu 1996, ch. 4) are more powerful but conclude only "not better than all the
 * others", which a trial tied with the best also is; "worse than the leader" needs the pairwise family.
 */
public final class BestRanking {

    private BestRanking() {
    }

    /**
     * @param valuesBySeed per-run values of the metric over each trial's ok runs, keyed by seed (may be empty)
     */
    public static Ranking rank(Map<String, ? extends Map<Long, Double>> valuesBySeed, RankMetric metric,
                               double alpha, Correction correction) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1, got " + alpha);
        }
        List<String> unranked = new ArrayList<>();
        List<Map.Entry<String, SampleStats>> ranked = new ArrayList<>();
        Map<String, SortedMap<Long, Double>> values = new TreeMap<>();
        valuesBySeed.forEach((id, bySeed) -> {
            values.put(id, new TreeMap<>(bySeed));
            if (bySeed.isEmpty()) {
                unranked.add(id);
            } else {
                ranked.add(Map.entry(id, SampleStats.of(bySeed.values().stream().mapToDouble(Double::doubleValue)
                        .toArray())));
            }
        });
        Comparator<Map.Entry<String, SampleStats>> byMean = Comparator.comparingDouble(e -> e.getValue().mean());
        ranked.sort((metric.higherIsBetter() ? byMean.reversed() : byMean).thenComparing(Map.Entry::getKey));
        unranked.sort(Comparator.naturalOrder());
        if (ranked.isEmpty()) {
            return new Ranking(metric, alpha, correction, 0, List.of(), unranked, Selection.TEST, Map.of(), 0,
                    List.of());
        }

        int k = ranked.size();
        List<SortedMap<Long, Double>> sides = ranked.stream().map(e -> values.get(e.getKey())).toList();
        // every pair (i < j) in one array; the leader's pairs are (0, j)
        double[] raw = new double[k * (k - 1) / 2];
        PairedComparison[] withLeader = new PairedComparison[k];
        int index = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                boolean needed = i == 0 || correction == Correction.HOLM;
                PairedComparison comparison = needed ? PairedComparison.bySeed(sides.get(i), sides.get(j)) : null;
                if (i == 0) {
                    withLeader[j] = comparison;
                }
                raw[index++] = comparison == null ? Double.NaN : comparison.pValue();
            }
        }
        double[] adjusted = correction.adjust(raw);
        int family = (int) java.util.Arrays.stream(raw).filter(p -> !Double.isNaN(p)).count();

        List<Ranking.Entry> entries = new ArrayList<>();
        entries.add(new Ranking.Entry(1, ranked.get(0).getKey(), ranked.get(0).getValue(),
                new PairedComparison(PairedComparison.Test.NONE, 0, Double.NaN, "the leader"), Double.NaN,
                Ranking.Verdict.LEADER, Optional.empty()));
        for (int j = 1; j < k; j++) {
            String id = ranked.get(j).getKey();
            double p = adjusted[j - 1];
            Ranking.Verdict verdict = Double.isNaN(p) ? Ranking.Verdict.UNTESTED
                    : p >= alpha ? Ranking.Verdict.TIED : Ranking.Verdict.WORSE;
            entries.add(new Ranking.Entry(j + 1, id, ranked.get(j).getValue(), withLeader[j], p, verdict,
                    Optional.of(ProbabilityOfImprovement.bySeed(sides.get(0), sides.get(j), metric.higherIsBetter()))));
        }
        Map<String, SampleStats> stats = new TreeMap<>();
        ranked.forEach(e -> stats.put(e.getKey(), e.getValue()));
        return new Ranking(metric, alpha, correction, correction == Correction.HOLM ? family : k - 1, entries,
                unranked, Selection.TEST, stats, 0, List.of());
    }
}
