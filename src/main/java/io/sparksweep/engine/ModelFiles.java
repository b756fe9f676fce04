package io.sparksweep.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksweep.data.PreparedData;
import io.sparksweep.model.SavedModelProvenance;
import io.sparksweep.run.RunRecord;
import io.sparksweep.store.SweepStore;
import io.sparksweep.train.TrainingPlan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where saved models go: {@code <sweep>/models/<name>/model.zip} with its provenance inside and as
 * {@code provenance.json} beside it, both written by the driver through the store.
 */
public final class ModelFiles {

    static final String FOLDER = "models";

    private ModelFiles() {
    }

    /**
     * @param zip the model zip an executor sent back
     * @return the zip's path relative to the sweep folder
     */
    public static String save(SweepStore store, String name, byte[] zip, SavedModelProvenance provenance) {
        String folder = FOLDER + "/" + name + "/";
        // The zip last: a model.zip on disk always has its provenance.json beside it.
        store.writeFile(folder + SavedModelProvenance.FILE_NAME, provenance.toJson().getBytes(StandardCharsets.UTF_8));
        store.writeFile(folder + "model.zip", provenance.embedIn(zip));
        return folder + "model.zip";
    }

    /** The provenance of the model saved as {@code name}, if there is one. */
    static Optional<SavedModelProvenance> saved(SweepStore store, String name) {
        return store.readFile(FOLDER + "/" + name + "/" + SavedModelProvenance.FILE_NAME)
                .map(bytes -> SavedModelProvenance.fromJson(new String(bytes, StandardCharsets.UTF_8)));
    }

    /**
     * @param recipe how the data was cut, or null when the Java API gave it
     * @param run    the finished run; its repeat is the rerun index, or -1 for a sweep's own run
     */
    public static SavedModelProvenance provenance(String sweep, String runId, RunRecord run, String networkJson,
                                           TrainingPlan plan, boolean fullTrain, PreparedData data, DataRecipe recipe) {
        SavedModelProvenance.DataOrigin origin = recipe == null
                ? new SavedModelProvenance.DataOrigin(data.fingerprint(), data.testFingerprint(), null, null, 0, 0, 0)
                : new SavedModelProvenance.DataOrigin(data.fingerprint(), data.testFingerprint(), recipe.dataset(),
                recipe.path(), recipe.trainLimit(), recipe.testLimit(), recipe.validationFraction());
        return SavedModelProvenance.of(
                new SavedModelProvenance.Run(sweep, run.trialId(), runId, run.repeat()),
                new SavedModelProvenance.Seeds(run.seed(), recipe == null ? 0 : recipe.seed()), origin,
                new SavedModelProvenance.Model(run.model(), networkJson, data.classNames(),
                        SavedModelProvenance.INPUT_SHAPE, SavedModelProvenance.PIXEL_SCALE),
                run.hyperparameters(), plan.toJson(), fullTrain,
                new SavedModelProvenance.Metrics(run.testAccuracy(), run.testLoss(), run.epochsTrained(), run.bestEpoch()),
                runFacts(run.provenance()), System.currentTimeMillis());
    }

    /** A run's provenance as its runs row holds it: one flat JSON object of strings. */
    private static Map<String, String> runFacts(String json) {
        try {
            return new ObjectMapper().readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("a run's provenance is always a JSON object of strings", e);
        }
    }
}
