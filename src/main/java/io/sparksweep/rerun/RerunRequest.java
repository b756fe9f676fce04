package io.sparksweep.rerun;

import java.nio.file.Path;

/**
 * What to rerun: one trial of a finished sweep, trained again with fresh seeds.
 *
 * @param sweep      the sweep's name (its folder in the results folder)
 * @param trialId    the trial, or null for the sweep's leader (best mean over its ok runs)
 * @param seeds      how many fresh seeds
 * @param epochs     another epoch budget, or null: the trial's own plan, or with {@code fullTrain} the mean best
 *                   epoch of the sweep's runs of the trial
 * @param fullTrain  train on train+validation for a fixed number of epochs (nothing left to early-stop on)
 * @param dataFolder the dataset folder when it moved since the sweep ran, or null for the spec's
 */
public record RerunRequest(String sweep, String trialId, int seeds, Integer epochs, boolean fullTrain, Path dataFolder) {

    public RerunRequest {
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
        }
        if (epochs != null && epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
    }

    /** The leader of {@code sweep}, {@code seeds} fresh seeds, the trial's own plan. */
    public static RerunRequest leader(String sweep, int seeds) {
        return new RerunRequest(sweep, null, seeds, null, false, null);
    }
}
