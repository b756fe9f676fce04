package io.sparksweep.space;

import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.train.TrainingPlan;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.util.Map;

/**
 * A user's own Arbiter space, for the Java API: the network space plus names for the leaves worth a
 * column in the result tables.
 *
 * @param network      the user's MultiLayerSpace (input 28x28x1 flattened, 10 classes)
 * @param namedLeaves  column name -> a leaf space instance used inside {@code network}, or a training
 *                     space named batchSize, shuffle or patience that overrides {@code plan}
 * @param search       grid (gridSteps per continuous leaf) or random (samples)
 * @param plan         batch size, shuffle, patience and epochs unless a named leaf varies them
 */
public record CustomSpace(MultiLayerSpace network, Map<String, ParameterSpace<?>> namedLeaves,
                          SweepDefinition.Search search, TrainingPlan plan) {
}
