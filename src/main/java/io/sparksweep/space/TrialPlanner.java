package io.sparksweep.space;

import io.sparksweep.model.ModelFamilies;
import io.sparksweep.model.ModelSettings;
import io.sparksweep.spec.Hyperparameter;
import io.sparksweep.spec.SpecException;
import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.train.TrainingPlan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Expands a validated spec into its trials: Arbiter picks the values, the model families build the networks. */
public final class TrialPlanner {

    static final int DEFAULT_BATCH_SIZE = 64;
    static final boolean DEFAULT_SHUFFLE = true;
    static final int DEFAULT_PATIENCE = 3;

    private TrialPlanner() {
    }

    /**
     * @param dataFingerprint hash of the prepared data: a trial trained on other data is another trial
     */
    public static List<Trial> plan(SweepDefinition definition, String dataFingerprint) {
        String salt = "maxEpochs=" + definition.maxEpochs() + ";data=" + dataFingerprint;
        return CandidateSource.distinctTrials(SpaceBuilder.build(definition), definition.search(), definition.seed(),
                values -> TrialIds.of(values, salt), (id, values) -> trial(id, values, definition));
    }

    private static Trial trial(String id, Map<String, Object> values, SweepDefinition definition) {
        ModelSettings settings = new ModelSettings(
                (String) values.get(Hyperparameter.MODEL.key()),
                (String) values.get(Hyperparameter.OPTIMIZER.key()),
                real(values, Hyperparameter.LEARNING_RATE, 1e-3),
                real(values, Hyperparameter.DROPOUT, 0.0),
                integer(values, Hyperparameter.KERNEL_SIZE, ModelSettings.FAMILY_DEFAULT),
                integer(values, Hyperparameter.FILTERS, ModelSettings.FAMILY_DEFAULT),
                integer(values, Hyperparameter.STRIDE, ModelSettings.FAMILY_DEFAULT),
                real(values, Hyperparameter.L2, 0.0));
        TrainingPlan plan = new TrainingPlan(
                integer(values, Hyperparameter.BATCH_SIZE, DEFAULT_BATCH_SIZE),
                (Boolean) values.getOrDefault(Hyperparameter.SHUFFLE.key(), DEFAULT_SHUFFLE),
                integer(values, Hyperparameter.PATIENCE, DEFAULT_PATIENCE),
                definition.maxEpochs());
        String json;
        try {
            json = ModelFamilies.build(settings).toJson();
        } catch (IllegalArgumentException e) {
            throw new SpecException(definition.sourceName(), "space",
                    "configuration " + values + " cannot be built: " + e.getMessage());
        }
        return new Trial(id, settings.family(), new LinkedHashMap<>(values), json, plan);
    }

    private static double real(Map<String, Object> values, Hyperparameter hp, double fallback) {
        Object v = values.get(hp.key());
        return v == null ? fallback : ((Number) v).doubleValue();
    }

    private static int integer(Map<String, Object> values, Hyperparameter hp, int fallback) {
        Object v = values.get(hp.key());
        return v == null ? fallback : ((Number) v).intValue();
    }
}
