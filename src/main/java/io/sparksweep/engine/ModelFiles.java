package io.sparksweep.engine;

import io.sparksweep.model.SavedModelProvenance;
import io.sparksweep.results.SweepStore;

import java.nio.charset.StandardCharsets;

/**
 * Where saved models go: {@code <sweep>/models/<name>/model.zip} with its provenance inside and as
 * {@code provenance.json} beside it, both written by the driver through the store.
 */
final class ModelFiles {

    static final String FOLDER = "models";

    private ModelFiles() {
    }

    /**
     * @param zip the model zip an executor sent back
     * @return the zip's path relative to the sweep folder
     */
    static String save(SweepStore store, String name, byte[] zip, SavedModelProvenance provenance) {
        String folder = FOLDER + "/" + name + "/";
        // The zip last: a model.zip on disk always has its provenance.json beside it.
        store.writeFile(folder + SavedModelProvenance.FILE_NAME, provenance.toJson().getBytes(StandardCharsets.UTF_8));
        store.writeFile(folder + "model.zip", provenance.embedIn(zip));
        return folder + "model.zip";
    }
}
