package io.sparksweep.train;

import io.sparksweep.run.Augmentation;
import io.sparksweep.run.LearningRateSchedule;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.Serializable;

/**
 * How one run trains, apart from the network itself.
 *
 * @param patience     epochs without a lower validation loss before stopping
 * @param schedule     how the learning rate changes between epochs
 * @param augmentation random changes to the training images
 */
public record TrainingPlan(int batchSize, boolean shuffle, int patience, int maxEpochs, LearningRateSchedule schedule,
                           Augmentation augmentation) implements Serializable {

    private static final String[] FIELDS = {"batchSize", "shuffle", "patience", "maxEpochs"};

    public TrainingPlan {
        if (batchSize <= 0 || patience <= 0 || maxEpochs <= 0) {
            throw new IllegalArgumentException("batchSize, patience and maxEpochs must be > 0: " + this);
        }
        schedule = schedule == null ? LearningRateSchedule.NONE : schedule;
        augmentation = augmentation == null ? Augmentation.NONE : augmentation;
    }

    /** A plan with a constant learning rate and no augmentation. */
    public TrainingPlan(int batchSize, boolean shuffle, int patience, int maxEpochs) {
        this(batchSize, shuffle, patience, maxEpochs, LearningRateSchedule.NONE, Augmentation.NONE);
    }

    /** The same plan with another epoch budget. */
    public TrainingPlan withMaxEpochs(int epochs) {
        return new TrainingPlan(batchSize, shuffle, patience, epochs, schedule, augmentation);
    }

    /**
     * Part of every trial id ({@code TrialIds}): a plan without schedule and augmentation keeps the text it had before
     * they existed, so the trials of older specs keep their ids; the others add what they train with.
     */
    @Override
    public String toString() {
        return "TrainingPlan[batchSize=" + batchSize + ", shuffle=" + shuffle + ", patience=" + patience
                + ", maxEpochs=" + maxEpochs + extras(", schedule=", ", augmentation=", "") + "]";
    }

    /** The form kept in the trials table ({@code plan_json}) and in a saved model's provenance. */
    public String toJson() {
        return "{\"batchSize\":" + batchSize + ",\"shuffle\":" + shuffle + ",\"patience\":" + patience
                + ",\"maxEpochs\":" + maxEpochs + extras(",\"schedule\":\"", ",\"augmentation\":\"", "\"") + "}";
    }

    /** Only the settings that differ from none, so plans written before these settings existed read back equal. */
    private String extras(String schedulePrefix, String augmentationPrefix, String suffix) {
        return (schedule.isNone() ? "" : schedulePrefix + schedule.text() + suffix)
                + (augmentation.isNone() ? "" : augmentationPrefix + augmentation.text() + suffix);
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
        LearningRateSchedule schedule;
        Augmentation augmentation;
        try {
            schedule = root.hasNonNull("schedule") ? LearningRateSchedule.parse(root.get("schedule").asText())
                    : LearningRateSchedule.NONE;
            augmentation = root.hasNonNull("augmentation") ? Augmentation.parse(root.get("augmentation").asText())
                    : Augmentation.NONE;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("training plan: " + e.getMessage());
        }
        return new TrainingPlan(root.get("batchSize").asInt(), root.get("shuffle").asBoolean(),
                root.get("patience").asInt(), root.get("maxEpochs").asInt(), schedule, augmentation);
    }
}
