package io.sparksweep.engine;

import io.sparksweep.data.PreparedData;
import io.sparksweep.space.CustomSpace;
import io.sparksweep.space.CustomSpacePlanner;
import io.sparksweep.space.Trial;
import io.sparksweep.stats.RankMetric;

import java.util.List;

/**
 * The Java API into the engine: a user's own Arbiter MultiLayerSpace, run through the same engine and
 * tables as YAML specs.
 *
 * <pre>{@code
 * SweepRequest request = CustomSweeps.request("my-sweep", new CustomSpace(mls, Map.of("learningRate", lr),
 *         new SweepDefinition.Search("random", 3, 8), new TrainingPlan(64, true, 3, 10)), 5, 42, data);
 * new SweepEngine(spark, new PrintWriter(System.out, true)).run(request, ResultsRoot.of(Path.of("results")));
 * }</pre>
 */
public final class CustomSweeps {

    private CustomSweeps() {
    }

    public static SweepRequest request(String name, CustomSpace space, int repeats, long seed, PreparedData data) {
        List<Trial> trials = CustomSpacePlanner.plan(space, seed, data.fingerprint());
        String description = "Java API sweep over an Arbiter MultiLayerSpace; named leaves " + space.namedLeaves().keySet()
                + ", search " + space.search() + ", plan " + space.plan() + "\n" + space.network();
        return new SweepRequest(name, trials, repeats, seed, data, description, RankMetric.ACCURACY);
    }
}
