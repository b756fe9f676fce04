package io.sparksweep.space;

import io.sparksweep.model.ModelFamilies;
import io.sparksweep.model.ModelSettings;
import io.sparksweep.spec.Hyperparameter;
import io.sparksweep.spec.SpecException;
import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.run.Augmentation;
import io.sparksweep.run.LearningRateSchedule;
import io.sparksweep.train.TrainingPlan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Expands a validated spec into its trials: Arbiter picks the values, the model families build the networks. */
public final class TrialPlanner {

    private TrialPlanner() {
    }

    /**
     * @param dataFingerprint hash of the prepared data: a trial trained on other data is another trial
     */
    public static List<Trial> plan(SweepDefinition definition, String dataFingerprint) {
        return CandidateSource.distinctTrials(SpaceBuilder.build(definition), definition.search(), definition.seed(),
                values -> trial(values, definition, dataFingerprint));
    }

    private static Trial trial(Map<String, Object> values, SweepDefinition definition, String dataFingerprint) {
        ModelSettings settings = new ModelSettings(
                (String) definition.value(values, Hyperparameter.MODEL),
                (String) definition.value(values, Hyperparameter.OPTIMIZER),
                real(definition, values, Hyperparameter.LEARNING_RATE),
                real(definition, values, Hyperparameter.DROPOUT),
                integer(definition, values, Hyperparameter.KERNEL_SIZE),
                integer(definition, values, Hyperparameter.FILTERS),
                integer(definition, values, Hyperparameter.STRIDE),
                real(definition, values, Hyperparameter.L2));
        TrainingPlan plan = new TrainingPlan(
                integer(definition, values, Hyperparameter.BATCH_SIZE),
                (Boolean) definition.value(values, Hyperparameter.SHUFFLE),
                integer(definition, values, Hyperparameter.PATIENCE),
                definition.maxEpochs(),
                LearningRateSchedule.parse((String) definition.value(values, Hyperparameter.SCHEDULE)),
                Augmentation.parse((String) definition.value(values, Hyperparameter.AUGMENTATION)));
        String json;
        try {
            json = ModelFamilies.build(settings).toJson();
        } catch (IllegalArgumentException e) {
            throw new SpecException(definition.sourceName(), "space",
                    "configuration " + values + " cannot be built: " + e.getMessage());
        }
        return new Trial(TrialIds.of(plan, json, dataFingerprint), settings.family(), new LinkedHashMap<>(values),
                json, plan);
    }

    private static double real(SweepDefinition definition, Map<String, Object> values, Hyperparameter hp) {
        return ((Number) definition.value(values, hp)).doubleValue();
    }

    /** An integer setting; {@link ModelSettings#FAMILY_DEFAULT} where the spec leaves it to the model family. */
    private static int integer(SweepDefinition definition, Map<String, Object> values, Hyperparameter hp) {
        Object v = definition.value(values, hp);
        return v == null ? ModelSettings.FAMILY_DEFAULT : ((Number) v).intValue();
    }
}
