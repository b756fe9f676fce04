package io.sparksweep.train;

import io.sparksweep.data.DataPreparation;
import io.sparksweep.data.PreparedData;
import io.sparksweep.model.SavedModelProvenance;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reloads a saved model and scores it on its test set the way its run did, so it gives the recorded test accuracy
 * exactly. The test set is cut again from the dataset folder with the recipe in the model's provenance.
 *
 * <pre>{@code
 * ModelEvaluation.Result r = ModelEvaluation.evaluate(Path.of("results/quickstart/models/<run>/model.zip"));
 * }</pre>
 */
public final class ModelEvaluation {

    /**
     * @param sameTestSet whether the test set has the SHA-256 the model's run recorded (else the accuracies differ
     *                    by design)
     */
    public record Result(Path model, SavedModelProvenance provenance, int testImages, double testAccuracy,
                         double testLoss, boolean sameTestSet) {

        /** True when the reloaded model scored exactly what its run recorded. */
        public boolean matchesRecorded() {
            return sameTestSet && testAccuracy == provenance.metrics().testAccuracy();
        }
    }

    private ModelEvaluation() {
    }

    /**
     * @param dataFolder the dataset folder if it moved since training, else null for the one recorded
     * @throws IllegalArgumentException if the file is missing or not a sparksweep model, or its data came through the
     *                                  Java API (use {@link #evaluateOn})
     */
    public static Result evaluate(Path model, Path dataFolder) {
        byte[] zip = read(model);
        SavedModelProvenance provenance = SavedModelProvenance.readFrom(zip, model.toString());
        SavedModelProvenance.DataOrigin origin = provenance.data();
        if (!origin.reproducible()) {
            throw new IllegalArgumentException(model + ": its data came through the Java API, so no recipe is recorded to"
                    + " cut its test set again; use ModelEvaluation.evaluateOn(model, preparedData)");
        }
        Path folder = dataFolder != null ? dataFolder : Path.of(origin.path());
        PreparedData data = new DataPreparation().prepare(folder, "fashion-mnist".equals(origin.dataset()),
                origin.trainLimit(), origin.testLimit(), origin.validationFraction(), provenance.seeds().data());
        return score(model, zip, provenance, data);
    }

    /** Scores the model on its test set, cut again from the dataset folder its provenance records. */
    public static Result evaluate(Path model) {
        return evaluate(model, (Path) null);
    }

    /** Scores the model on {@code data}'s test split (a model whose data came through the Java API). */
    public static Result evaluateOn(Path model, PreparedData data) {
        byte[] zip = read(model);
        return score(model, zip, SavedModelProvenance.readFrom(zip, model.toString()), data);
    }

    private static Result score(Path model, byte[] zip, SavedModelProvenance provenance, PreparedData data) {
        MultiLayerNetwork network = SavedModels.restore(zip, model.toString());
        RunTrainer.TestScore score = new RunTrainer(data, Math.max(1, provenance.training().threads()), -1).test(network);
        return new Result(model, provenance, data.test().count(), score.accuracy(), score.loss(),
                data.testFingerprint().equals(provenance.data().testSha256()));
    }

    private static byte[] read(Path model) {
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("model file " + model + " does not exist");
        }
        try {
            return Files.readAllBytes(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + model + ": " + e.getMessage(), e);
        }
    }
}
