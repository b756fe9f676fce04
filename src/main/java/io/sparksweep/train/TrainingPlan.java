package io.sparksweep.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.Serializable;

/**
 * How one run trains, apart from the network itself.
 *
 * @param patience epochs without a lower validation loss before stopping
 */
public record TrainingPlan(int batchSize, boolean shuffle, int patience, int maxEpochs) implements Serializable {

    private static final String[] FIELDS = {"batchSize", "shuffle", "patience", "maxEpochs"};

    public TrainingPlan {
        if (batchSize <= 0 || patience <= 0 || maxEpochs <= 0) {
            throw new IllegalArgumentException("batchSize, patience and maxEpochs must be > 0: " + this);
        }
    }

    /** The same plan with another epoch budget. */
    public TrainingPlan withMaxEpochs(int epochs) {
        return new TrainingPlan(batchSize, shuffle, patience, epochs);
    }

    /** The form kept in the trials table ({@code plan_json}) and in a saved model's provenance. */
    public String toJson() {
        return "{\"batchSize\":" + batchSize + ",\"shuffle\":" + shuffle + ",\"patience\":" + patience
                + ",\"maxEpochs\":" + maxEpochs + "}";
    }

    /** @throws IllegalArgumentException naming the missing or invalid field */
    public static TrainingPlan fromJson(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("training plan is not JSON: " + e.getOriginalMessage());
        }
        for (String field : FIELDS) {
            if (root == null || !root.hasNonNull(field)) {
                throw new IllegalArgumentException("training plan has no '" + field + "'");
            }
        }
        return new TrainingPlan(root.get("batchSize").asInt(), root.get("shuffle").asBoolean(),
                root.get("patience").asInt(), root.get("maxEpochs").asInt());
    }
}
