package io.sparksweep.store;

import io.sparksweep.stats.RankMetric;
import io.sparksweep.stats.Selection;
import io.sparksweep.run.EpochRecord;
import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunStatus;

import java.util.Optional;

/**
 * What a search needs to know of a finished run: which it was, whether it worked, its test metrics and its
 * validation metrics at the best epoch (the epoch whose weights were kept; NaN when it has none).
 */
public record RunScore(String trialId, long seed, RunStatus status, double testAccuracy, double testLoss,
                       double validationAccuracy, double validationLoss) {

    /** A run known only by its test metrics. */
    public RunScore(String trialId, long seed, RunStatus status, double testAccuracy, double testLoss) {
        this(trialId, seed, status, testAccuracy, testLoss, Double.NaN, Double.NaN);
    }

    public static RunScore of(RunRecord run) {
        Optional<EpochRecord> best = run.bestEpochRecord();
        return new RunScore(run.trialId(), run.seed(), run.status(), run.testAccuracy(), run.testLoss(),
                best.map(EpochRecord::valAccuracy).orElse(Double.NaN), best.map(EpochRecord::valLoss).orElse(Double.NaN));
    }

    public boolean ok() {
        return status == RunStatus.OK;
    }

    /** The metric on the given set, in the metric's own units. */
    public double metric(Selection set, RankMetric metric) {
        boolean accuracy = metric == RankMetric.ACCURACY;
        return switch (set) {
            case VALIDATION -> accuracy ? validationAccuracy : validationLoss;
            case TEST -> accuracy ? testAccuracy : testLoss;
        };
    }
}
