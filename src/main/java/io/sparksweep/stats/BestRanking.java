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
 * have the same seeds, else Welch's test (see {@link PairedComparison}). The p-values of all comparisons with
 * the leader are then corrected for their number ({@link Correction#HOLM} by default): with 20 trials, one in
 * 20 uncorrected tests would call a trial worse by chance alone. Corrected p >= alpha means the gap is within
 * seed-to-seed noise: a tie. Each trial also gets P(leader beats it) ({@link ProbabilityOfImprovement}).
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
            return new Ranking(metric, alpha, correction, List.of(), unranked);
        }

        SortedMap<Long, Double> leader = values.get(ranked.get(0).getKey());
        List<PairedComparison> comparisons = new ArrayList<>();
        double[] raw = new double[ranked.size() - 1];
        for (int i = 1; i < ranked.size(); i++) {
            PairedComparison comparison = PairedComparison.bySeed(leader, values.get(ranked.get(i).getKey()));
            comparisons.add(comparison);
            raw[i - 1] = comparison.pValue();
        }
        double[] adjusted = correction.adjust(raw);

        List<Ranking.Entry> entries = new ArrayList<>();
        entries.add(new Ranking.Entry(1, ranked.get(0).getKey(), ranked.get(0).getValue(),
                new PairedComparison(PairedComparison.Test.NONE, 0, Double.NaN, "the leader"), Double.NaN,
                Ranking.Verdict.LEADER, Optional.empty()));
        for (int i = 1; i < ranked.size(); i++) {
            String id = ranked.get(i).getKey();
            double p = adjusted[i - 1];
            Ranking.Verdict verdict = Double.isNaN(p) ? Ranking.Verdict.UNTESTED
                    : p >= alpha ? Ranking.Verdict.TIED : Ranking.Verdict.WORSE;
            entries.add(new Ranking.Entry(i + 1, id, ranked.get(i).getValue(), comparisons.get(i - 1), p, verdict,
                    Optional.of(ProbabilityOfImprovement.bySeed(leader, values.get(id), metric.higherIsBetter()))));
        }
        return new Ranking(metric, alpha, correction, entries, unranked);
    }
}
