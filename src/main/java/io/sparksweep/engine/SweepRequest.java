package io.sparksweep.engine;

import io.sparksweep.data.PreparedData;
import io.sparksweep.space.Trial;
import io.sparksweep.spec.SaveModels;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.store.SweepInfo;

import java.util.List;
import java.util.Objects;

/**
 * Everything the engine needs to run a sweep, whichever route (YAML spec or Java API) produced it.
 *
 * @param specText        the spec's text (or a description of the Java-built space), kept in the sweep table
 * @param origin          the route that made the request: a spec, or the Java API (whose specText is no spec)
 * @param metric          the per-run metric the sweep ranks by: which run is best, which model a trial keeps
 * @param saveModels      which runs keep their model in {@code <sweep>/models/}
 * @param recipe          how {@code data} was cut from a dataset folder, which a saved model's provenance records so
 *                        that its test set can be cut again; null when the Java API handed the data in
 * @param sources         which runs to train and in what order: {@link RunSources#EVERY_RUN} (the default), or a
 *                        search's source ({@link #withSources})
 */
public record SweepRequest(String name, List<Trial> trials, int repeats, long masterSeed, PreparedData data,
                           String specText, SweepInfo.Origin origin, RankMetric metric, SaveModels saveModels,
                           DataRecipe recipe, RunSources sources) {

    /** A sweep of data handed in through the Java API, that saves no model and trains every trial x seed. */
    public SweepRequest(String name, List<Trial> trials, int repeats, long masterSeed, PreparedData data,
                        String specText, RankMetric metric) {
        this(name, trials, repeats, masterSeed, data, specText, SweepInfo.Origin.JAVA_API, metric, SaveModels.NONE, null);
    }

    /** A sweep that trains every trial x seed. */
    public SweepRequest(String name, List<Trial> trials, int repeats, long masterSeed, PreparedData data,
                        String specText, SweepInfo.Origin origin, RankMetric metric, SaveModels saveModels,
                        DataRecipe recipe) {
        this(name, trials, repeats, masterSeed, data, specText, origin, metric, saveModels, recipe,
                RunSources.EVERY_RUN);
    }

    public SweepRequest {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(metric, "metric");
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one trial");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
    }

    /** The same sweep, its runs chosen by {@code sources}. */
    public SweepRequest withSources(RunSources sources) {
        return new SweepRequest(name, trials, repeats, masterSeed, data, specText, origin, metric, saveModels, recipe,
                sources);
    }
}
