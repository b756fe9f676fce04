package io.sparksweep.report;

import io.sparksweep.stats.BestRanking;
import io.sparksweep.stats.Correction;
import io.sparksweep.stats.ExpectedMaxCurve;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.stats.Ranking;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small report's data built in memory, for tests of the page and the notebook that need no Spark. */
final class SampleReportData {

    private SampleReportData() {
    }

    static ReportData create() {
        SweepMetadata sweep = new SweepMetadata("demo \"sweep\"", "name: demo\n", "hash1", 7, 2,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:10:00Z"), "local[2]",
                "{\"spark\":\"3.5.3\"}");
        List<LeaderboardEntry> leaderboard = List.of(
                entry(1, "a", 0.01, 0.91, 0.004, 100_000, 20),
                entry(2, "b", 0.1, 0.88, 0.006, 50_000, 10));
        List<HyperparameterEffect> effects = List.of(new HyperparameterEffect("learning_rate", List.of(
                new EffectPoint(0.01, 0.91, 0.004, 2), new EffectPoint(0.1, 0.88, 0.006, 2))));
        List<LearningCurve> curves = List.of(new LearningCurve(1, "a", "learning_rate=0.01", List.of(
                new EpochStats(1, 0.8, 0.01, 0.6, 0.02, 0.7, 2), new EpochStats(2, 0.9, 0.01, 0.4, 0.02, 0.5, 2))));
        ConfusionMatrix confusion = new ConfusionMatrix("a", List.of("cat", "dog"), new long[][] {{9, 1}, {2, 8}});
        List<TradeoffPoint> tradeoffs = List.of(new TradeoffPoint("a", 0.91, 0.004, 20, 100_000),
                new TradeoffPoint("b", 0.88, 0.006, 10, 50_000));
        return new ReportData(sweep, List.of("learning_rate"), leaderboard, effects, curves, Optional.of(confusion),
                tradeoffs, List.of(), List.of(new ProvenanceCount("{\"java\":\"17\"}", 4)),
                List.of(new ExecutorUsage("driver", null, 4, 60)), ranking(),
                ExpectedMaxCurve.of(new double[]{0.91, 0.88}));
    }

    /** a and b ran on the same seeds 1 and 2; a leads by 0.03 on each. */
    static Ranking ranking() {
        Map<String, Map<Long, Double>> bySeed = new LinkedHashMap<>();
        bySeed.put("a", Map.of(1L, 0.905, 2L, 0.915));
        bySeed.put("b", Map.of(1L, 0.875, 2L, 0.885));
        return BestRanking.rank(bySeed, RankMetric.ACCURACY, 0.05, Correction.HOLM);
    }

    private static LeaderboardEntry entry(int rank, String trialId, double learningRate, double mean, double std,
                                          long parameters, double seconds) {
        Map<String, Object> hyperparameters = new LinkedHashMap<>();
        hyperparameters.put("learning_rate", learningRate);
        return new LeaderboardEntry(rank, trialId, "mlp", hyperparameters, 2, 0, 0, mean, std, 0.05, seconds,
                parameters);
    }
}
