package io.sparksweep.results;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Ranks trials by the mean of a metric and tests each against the leader with Welch's two-sided t-test
 * (unequal variances). p >= alpha means the difference is within seed-to-seed noise: a tie. Each trial
 * is tested on its own, with no correction for the number of comparisons.
 */
public final class BestRanking {

    private BestRanking() {
    }

    /** @param valuesByTrial per-run values of the metric over each trial's ok runs (may be empty) */
    public static Ranking rank(Map<String, double[]> valuesByTrial, RankMetric metric, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1, got " + alpha);
        }
        List<String> unranked = new ArrayList<>();
        List<Map.Entry<String, SampleStats>> ranked = new ArrayList<>();
        valuesByTrial.forEach((id, values) -> {
            if (values.length == 0) {
                unranked.add(id);
            } else {
                ranked.add(Map.entry(id, SampleStats.of(values)));
            }
        });
        Comparator<Map.Entry<String, SampleStats>> byMean = Comparator.comparingDouble(e -> e.getValue().mean());
        ranked.sort((metric.higherIsBetter() ? byMean.reversed() : byMean).thenComparing(Map.Entry::getKey));
        unranked.sort(Comparator.naturalOrder());

        List<Ranking.Entry> entries = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            String id = ranked.get(i).getKey();
            SampleStats stats = ranked.get(i).getValue();
            if (i == 0) {
                entries.add(new Ranking.Entry(1, id, stats, Double.NaN, Ranking.Verdict.LEADER));
                continue;
            }
            double[] leader = valuesByTrial.get(ranked.get(0).getKey());
            double[] mine = valuesByTrial.get(id);
            if (leader.length < 2 || mine.length < 2) {
                entries.add(new Ranking.Entry(i + 1, id, stats, Double.NaN, Ranking.Verdict.UNTESTED));
            } else {
                double p = welchP(leader, mine);
                entries.add(new Ranking.Entry(i + 1, id, stats, p,
                        p >= alpha ? Ranking.Verdict.TIED : Ranking.Verdict.WORSE));
            }
        }
        return new Ranking(metric, alpha, entries, unranked);
    }

    /**
     * Two-sided Welch p-value. With no spread on either side the t statistic is undefined; the limit is
     * certainty: p = 1 for equal means, 0 otherwise.
     */
    static double welchP(double[] a, double[] b) {
        if (StatUtils.variance(a) == 0 && StatUtils.variance(b) == 0) {
            return StatUtils.mean(a) == StatUtils.mean(b) ? 1.0 : 0.0;
        }
        return new TTest().tTest(a, b);
    }
}
