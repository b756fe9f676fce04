package io.sparksweep.rerun;

import io.sparksweep.stats.MeanDifference;
import io.sparksweep.stats.SampleStats;

import java.nio.file.Path;
import java.util.List;

/**
 * What a rerun did and found.
 *
 * @param runIds    every run of this rerun (trained now or before), in seed order
 * @param models    the saved model zips of its ok runs
 * @param sweep     the metric over the sweep's own ok runs of the trial
 * @param fresh     the metric over the rerun's ok runs
 * @param moved     fresh minus sweep, with Welch's 95% CI
 */
public record RerunOutcome(Path sweepDir, String trialId, boolean leader, List<String> runIds, int trained,
                           int skipped, List<Path> models, String metric, SampleStats sweep, SampleStats fresh,
                           MeanDifference moved) {

    public RerunOutcome {
        runIds = List.copyOf(runIds);
        models = List.copyOf(models);
    }
}
