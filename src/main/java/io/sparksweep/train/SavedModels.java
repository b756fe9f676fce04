package io.sparksweep.train;

import io.sparksweep.model.layers.Dl4jEquivalents;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A trained network as DL4J's own model zip ({@link ModelSerializer}, updater state included, so training can go
 * on). The project's faster layers and fused Adam are a training-time swap: the zip names only DL4J's classes
 * ({@link Dl4jEquivalents#plainConfiguration}), so a plain DL4J 1.0.0-M2.1 program loads it.
 */
public final class SavedModels {

    private SavedModels() {
    }

    /** The zip of {@code trained}: its weights, its optimizer state and iteration count, DL4J's layer classes. */
    public static byte[] zip(MultiLayerNetwork trained) {
        MultiLayerNetwork plain = plainCopy(trained);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(plain, out, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the trained network: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** The same network with DL4J's layer classes and DL4J's updater, sharing nothing with {@code trained}. */
    static MultiLayerNetwork plainCopy(MultiLayerNetwork trained) {
        MultiLayerConfiguration conf = Dl4jEquivalents.plainConfiguration(trained.getLayerWiseConfigurations());
        MultiLayerNetwork plain = new MultiLayerNetwork(conf);
        plain.init(trained.params().dup(), false);
        Updater updater = trained.getUpdater(false);
        INDArray state = updater == null ? null : updater.getStateViewArray();
        if (state != null && !state.isEmpty()) {
            ((BaseMultiLayerUpdater<?>) plain.getUpdater()).setStateViewArray(state.dup());
        }
        return plain;
    }

    /**
     * @param what names the model in the error message
     * @throws IllegalArgumentException if the bytes are not a DL4J MultiLayerNetwork zip
     */
    public static MultiLayerNetwork restore(byte[] zip, String what) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), true);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(what + " is not a DL4J model zip (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())) + ")");
        }
    }

    private static String firstLine(String message) {
        String line = message.lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}
