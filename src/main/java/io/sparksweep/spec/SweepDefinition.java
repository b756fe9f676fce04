package io.sparksweep.spec;

import io.sparksweep.stats.RankMetric;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated spec with every default filled in: what the space and engine packages consume.
 *
 * @param space       hyperparameter -> domain, in {@link Hyperparameter} order; always contains model
 * @param search      how candidates are drawn (grid or random), also under a race or halving
 * @param repeats     seeds per configuration; for a race the most any candidate gets
 * @param metric      the per-run metric the sweep ranks by ({@code training.metric})
 * @param sourceText  the spec file's exact text, kept for provenance and the sweep table
 * @param saveModels  which of the sweep's runs keep their model
 * @param race        null unless seeds are raced ({@code search: {strategy: race}})
 * @param halving     null unless epochs are halved ({@code search: {strategy: halving}})
 * @param runTimeout  longest one run may train before it is recorded as failed; null for no limit
 * @param selection   "validation" or "test": the set whose metric chooses the best configuration
 */
public record SweepDefinition(String name, DataSettings data, Map<Hyperparameter, Domain> space, Search search,
                              int repeats, long seed, int maxEpochs, RankMetric metric, String sourceText,
                              String sourceName, SaveModels saveModels, Race race, Halving halving,
                              Duration runTimeout, String selection) {

    /** @param trainLimit 0 = the whole set; likewise testLimit */
    public record DataSettings(String dataset, Path path, int trainLimit, int testLimit,
                               double validationFraction) {
    }

    public record Search(String strategy, int gridSteps, int samples) {
        public static final String GRID = "grid";
        public static final String RANDOM = "random";
    }

    /**
     * @param minRepeats seeds every candidate starts with
     * @param maxRepeats seeds a candidate still tied with the leader can reach
     * @param alpha      family-wise error level of all eliminations together
     * @param budget     most runs in total; 0 = no limit beyond candidates x maxRepeats
     */
    public record Race(int minRepeats, int maxRepeats, double alpha, int budget) {
        public static final String STRATEGY = "race";
    }

    /**
     * @param rungs     increasing epoch counts; the last equals maxEpochs
     * @param reduction the top 1/reduction of a rung (by mean validation accuracy over seeds) is promoted
     */
    public record Halving(List<Integer> rungs, int reduction) {
        public static final String STRATEGY = "halving";

        public Halving {
            rungs = List.copyOf(rungs);
        }
    }

    /**
     * The value a candidate trains with: its own, else the spec's default for that hyperparameter; null where
     * the model family chooses (kernel size, filters, stride). The one place where defaults are settled.
     */
    public Object value(Map<String, Object> candidate, Hyperparameter hp) {
        Object own = candidate.get(hp.key());
        return own != null ? own : hp.defaultValue();
    }
}
