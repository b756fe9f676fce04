package io.sparksweep.report;

import io.sparksweep.stats.ExpectedMaxCurve;
import io.sparksweep.stats.Ranking;

import java.util.List;
import java.util.Optional;

/**
 * Everything the report shows, as plain values read from the sweep's tables by {@link ReportDataLoader}.
 *
 * @param hyperparameters hyperparameter column names, see {@link SummaryColumns}
 * @param leaderboard     every trial, in the ranking's order (then the trials it left out)
 * @param curves          learning curves of the top configurations, best first
 * @param bestConfusion   empty when no run succeeded
 * @param ranking         the sweep's ranking as every command computes it ({@code SweepRanking}): by default the
 *                        spec's metric on the validation set, Holm over all pairs
 * @param budget          expected mean test accuracy of the configuration the ranking would pick, against the
 *                        number of configurations tried
 */
public record ReportData(SweepMetadata sweep, List<String> hyperparameters, List<LeaderboardEntry> leaderboard,
                         List<HyperparameterEffect> effects, List<LearningCurve> curves,
                         Optional<ConfusionMatrix> bestConfusion, List<TradeoffPoint> tradeoffs,
                         List<ProblemRun> problemRuns, List<ProvenanceCount> provenance,
                         List<ExecutorUsage> executors, Ranking ranking, ExpectedMaxCurve budget,
                         long configurations) {

    /** A report whose every leaderboard row is its own configuration (any sweep but a halving one). */
    public ReportData(SweepMetadata sweep, List<String> hyperparameters, List<LeaderboardEntry> leaderboard,
                      List<HyperparameterEffect> effects, List<LearningCurve> curves,
                      Optional<ConfusionMatrix> bestConfusion, List<TradeoffPoint> tradeoffs,
                      List<ProblemRun> problemRuns, List<ProvenanceCount> provenance,
                      List<ExecutorUsage> executors, Ranking ranking, ExpectedMaxCurve budget) {
        this(sweep, hyperparameters, leaderboard, effects, curves, bestConfusion, tradeoffs, problemRuns, provenance,
                executors, ranking, budget, leaderboard.size());
    }

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
