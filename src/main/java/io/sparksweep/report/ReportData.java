package io.sparksweep.report;

import io.sparksweep.stats.ExpectedMaxCurve;
import io.sparksweep.stats.Ranking;

import java.util.List;
import java.util.Optional;

/**
 * Everything the report shows, as plain values read from the sweep's tables by {@link ReportDataLoader}.
 *
 * @param hyperparameters hyperparameter column names, see {@link SummaryColumns}
 * @param leaderboard     every trial, best first
 * @param curves          learning curves of the top configurations, best first
 * @param bestConfusion   empty when no run succeeded
 * @param ranking         the leaderboard's trials tested against the leader (paired/Welch, Holm-corrected), as
 *                        {@code best} ranks them by test accuracy
 * @param budget          expected best mean accuracy against the number of configurations tried
 */
public record ReportData(SweepMetadata sweep, List<String> hyperparameters, List<LeaderboardEntry> leaderboard,
                         List<HyperparameterEffect> effects, List<LearningCurve> curves,
                         Optional<ConfusionMatrix> bestConfusion, List<TradeoffPoint> tradeoffs,
                         List<ProblemRun> problemRuns, List<ProvenanceCount> provenance,
                         List<ExecutorUsage> executors, Ranking ranking, ExpectedMaxCurve budget) {

    /** Hyperparameters that take more than one value among the successful runs: what tells configurations apart. */
    public List<String> varyingHyperparameters() {
        return effects.stream().filter(effect -> !effect.constant()).map(HyperparameterEffect::name).toList();
    }

    public long runsOk() {
        return leaderboard.stream().mapToLong(LeaderboardEntry::runsOk).sum();
    }

    public long runsFailed() {
        return leaderboard.stream().mapToLong(LeaderboardEntry::runsFailed).sum();
    }

    public long runsDiverged() {
        return leaderboard.stream().mapToLong(LeaderboardEntry::runsDiverged).sum();
    }
}
