package io.sparksweep.space;

import io.sparksweep.spec.Hyperparameter;
import io.sparksweep.train.TrainingPlan;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Expands a user's Arbiter {@link CustomSpace} into trials, through the same generators as YAML specs. */
public final class CustomSpacePlanner {

    static final String NETWORK = "network";
    static final String CUSTOM_MODEL = "custom";

    private CustomSpacePlanner() {
    }

    public static List<Trial> plan(CustomSpace custom, long seed, String dataFingerprint) {
        Map<String, ParameterSpace<?>> spaces = new LinkedHashMap<>();
        spaces.put(NETWORK, custom.network());
        custom.namedLeaves().forEach((name, leaf) -> {
            if (name.equals(NETWORK)) {
                throw new IllegalArgumentException("namedLeaves: '" + NETWORK + "' is reserved for the network space");
            }
            if (name.equals(Hyperparameter.MODEL.key())) {
                throw new IllegalArgumentException("namedLeaves: '" + name + "' is reserved: a custom trial's model is '"
                        + CUSTOM_MODEL + "'");
            }
            spaces.put(name, leaf);
        });
        return CandidateSource.distinctTrials(new HyperparameterSpace(spaces), custom.search(), seed,
                values -> trial(values, custom.plan(), dataFingerprint));
    }

    private static Trial trial(Map<String, Object> values, TrainingPlan defaults, String dataFingerprint) {
        String json = ((DL4JConfiguration) values.get(NETWORK)).getMultiLayerConfiguration().toJson();
        Map<String, Object> named = new LinkedHashMap<>(values);
        named.remove(NETWORK);
        TrainingPlan plan = new TrainingPlan(
                (Integer) named.getOrDefault(Hyperparameter.BATCH_SIZE.key(), defaults.batchSize()),
                (Boolean) named.getOrDefault(Hyperparameter.SHUFFLE.key(), defaults.shuffle()),
                (Integer) named.getOrDefault(Hyperparameter.PATIENCE.key(), defaults.patience()),
                defaults.maxEpochs());
        String id = TrialIds.of(plan, json, dataFingerprint);
        return new Trial(id, CUSTOM_MODEL, named, json, plan);
    }
}
