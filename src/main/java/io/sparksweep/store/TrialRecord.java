package io.sparksweep.store;

import io.sparksweep.run.RunRecord;
import java.util.Map;

/**
 * One configuration of a sweep (row of the {@code trials} table).
 *
 * @param trialId         stable hash of the configuration
 * @param model           model family name, or "custom" for a user's own Arbiter space
 * @param hyperparameters as in {@link RunRecord#hyperparameters()}
 * @param networkJson     the exact DL4J MultiLayerConfiguration JSON (seed not yet set)
 * @param parameters      trainable parameters
 * @param flops           floating-point operations of one forward pass of one image (2 x MACs for conv/dense)
 * @param macs            multiply-accumulates of one forward pass of one image
 * @param costJson        per-layer cost (params, MACs, FLOPs, output shape, receptive field) as JSON
 * @param planJson        the training plan (batch size, shuffle, patience, max epochs) as JSON, what a rerun
 *                        trains with; null for callers that have none
 */
public record TrialRecord(String trialId, String model, Map<String, Object> hyperparameters, String networkJson,
                          long parameters, long flops, long macs, String costJson, String planJson) {

    public TrialRecord(String trialId, String model, Map<String, Object> hyperparameters, String networkJson,
                       long parameters, long flops, long macs, String costJson) {
        this(trialId, model, hyperparameters, networkJson, parameters, flops, macs, costJson, null);
    }
}
