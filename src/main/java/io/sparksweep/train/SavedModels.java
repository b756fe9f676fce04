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
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

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
        return zip(trained, null);
    }

    /**
     * The zip of {@code trained} with, when {@code plateau} is not null, the reduce-on-plateau state as one more entry
     * (the rate itself is already in the optimizer configuration DL4J saves).
     */
    static byte[] zip(MultiLayerNetwork trained, PlateauState plateau) {
        byte[] plain = dl4jZip(trained);
        if (plateau == null) {
            return plain;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(plain));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(PlateauState.ZIP_ENTRY));
            zip.write(plateau.toText().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the plateau state to the model zip: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** The reduce-on-plateau state saved in a model zip, or null when it has none. */
    static PlateauState plateauState(byte[] zip) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(PlateauState.ZIP_ENTRY)) {
                    return PlateauState.fromText(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return null;
        } catch (IOException e) {
            throw new IllegalArgumentException("the state to continue from is not a zip: " + e.getMessage());
        }
    }

    private static byte[] dl4jZip(MultiLayerNetwork trained) {
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
