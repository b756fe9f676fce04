package io.sparksweep.report;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One configuration's row of the leaderboard. Statistics without a value (no successful run, or a single
 * one for the spread) are NaN.
 *
 * @param rank            1-based position, best mean accuracy first
 * @param hyperparameters column name to value, in table order
 * @param accuracyCi95    half-width of the 95% confidence interval of the mean accuracy
 */
public record LeaderboardEntry(int rank, String trialId, String model, Map<String, Object> hyperparameters,
                               long runsOk, long runsFailed, long runsDiverged, double accuracyMean,
                               double accuracyStd, double accuracyCi95, double trainSecondsMean, long parameters) {

    public long runs() {
        return runsOk + runsFailed + runsDiverged;
    }

    public boolean hasAccuracy() {
        return runsOk > 0 && !Double.isNaN(accuracyMean);
    }

    /** Full name of the configuration, e.g. {@code cnn, learning_rate=0.01, batch_size=64, patience=3}. */
    public String label() {
        StringBuilder label = new StringBuilder(model == null ? "?" : model);
        hyperparameters.forEach((name, value) -> label.append(", ").append(name).append('=')
                .append(Values.format(value)));
        return label.toString();
    }

    /**
     * Name by the given hyperparameters only, e.g. {@code learning_rate=0.01, batch_size=64}: charts name
     * configurations by what tells them apart. The model when that leaves nothing.
     */
    public String label(List<String> names) {
        String label = names.stream().map(name -> name + "=" + Values.format(hyperparameters.get(name)))
                .collect(Collectors.joining(", "));
        return label.isEmpty() ? String.valueOf(model) : label;
    }
}
