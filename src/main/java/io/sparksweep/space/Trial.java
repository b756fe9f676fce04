package io.sparksweep.space;

import io.sparksweep.train.TrainingPlan;

import java.io.Serializable;
import java.util.Map;

/**
 * One configuration of a sweep, ready to ship to an executor.
 *
 * @param trialId         stable hash of everything that determines the runs' results except the seed
 * @param model           model family, or "custom" for a user's Arbiter space
 * @param hyperparameters spec key -> value (Double, Integer, Boolean or String), in a fixed order
 * @param networkJson     DL4J MultiLayerConfiguration JSON; the run seed is set on executors
 */
public record Trial(String trialId, String model, Map<String, Object> hyperparameters, String networkJson,
                    TrainingPlan plan) implements Serializable {
}
