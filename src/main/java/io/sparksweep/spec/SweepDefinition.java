package io.sparksweep.spec;

import java.nio.file.Path;
import java.util.Map;

/**
 * A validated spec with every default filled in: what the space and engine packages consume.
 *
 * @param space       hyperparameter -> domain, in {@link Hyperparameter} order; always contains model
 * @param sourceText  the spec file's exact text, kept for provenance and the sweep table
 * @param saveModels  which of the sweep's runs keep their model
 */
public record SweepDefinition(String name, DataSettings data, Map<Hyperparameter, Domain> space, Search search,
                              int repeats, long seed, int maxEpochs, String metric, String sourceText,
                              String sourceName, SaveModels saveModels) {

    /** @param trainLimit 0 = the whole set; likewise testLimit */
    public record DataSettings(String dataset, Path path, int trainLimit, int testLimit,
                               double validationFraction) {
    }

    public record Search(String strategy, int gridSteps, int samples) {
        public static final String GRID = "grid";
        public static final String RANDOM = "random";
    }

    /**
     * The value a candidate trains with: its own, else the spec's default for that hyperparameter; null where
     * the model family chooses (kernel size, filters, stride). The one place where defaults are settled.
     */
    public Object value(Map<String, Object> candidate, Hyperparameter hp) {
        Object own = candidate.get(hp.key());
        return own != null ? own : hp.defaultValue();
    }

    /** True when higher metric values are better. */
    public boolean higherIsBetter() {
        return !"loss".equals(metric);
    }
}
