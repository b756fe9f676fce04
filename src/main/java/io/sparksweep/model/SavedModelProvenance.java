package io.sparksweep.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Where a saved model came from and how to feed it (Tribuo-style: the provenance travels with the model). Kept as
 * {@value #FILE_NAME} beside {@code model.zip} and inside the zip as a Java-serialised JSON String under the key
 * {@value #ZIP_KEY}, the way DL4J's {@code ModelSerializer.addObjectToFile} stores objects, so
 * {@code ModelSerializer.getObjectFromFile(file, "sparksweep-provenance.json")} reads it in any DL4J program.
 *
 * <p>Input contract for whoever feeds the model: {@code inputShape} [channels, height, width] of one image, flattened
 * row-major to one row of {@code channels * height * width} floats; pixels scaled as {@code pixelScale} says
 * ({@value #PIXEL_SCALE}: the byte value 0..255 divided by 255, dark background and light garment as in
 * Fashion-MNIST); outputs are probabilities over {@code classNames}, in label order.
 *
 * @param networkJson the exact network configuration the run trained (the sweep's trials table), project layers
 *                    included; the zip holds the same network with DL4J's own layer classes
 * @param planJson    the training plan the run followed: batchSize, shuffle, patience, maxEpochs
 * @param rerun       index of the fresh seed within its rerun (0-based); -1 for a sweep's own run
 * @param fullTrain   trained on train+validation for a fixed number of epochs
 * @param runtime     the run's provenance: library, Java and OS versions, ND4J backend, threads, updater, data hash
 * @param savedAt     epoch millis
 */
public record SavedModelProvenance(String sweep, String trialId, String runId, long seed, int rerun, boolean fullTrain,
                                   String networkJson, String planJson, DataOrigin data, Metrics metrics,
                                   List<String> classNames, List<Integer> inputShape, String pixelScale,
                                   Map<String, String> runtime, long savedAt) {

    /** The file beside {@code model.zip}. */
    public static final String FILE_NAME = "provenance.json";
    /** The key of the copy inside the zip ({@code objects/<key>}, DL4J's layout for extra objects). */
    public static final String ZIP_KEY = "sparksweep-provenance.json";
    /** Pixel value x in 0..255 becomes x / 255 (see {@code train.BatchFeed}). */
    public static final String PIXEL_SCALE = "x/255";
    /** One grey 28x28 image: [channels, height, width]. */
    public static final List<Integer> INPUT_SHAPE = List.of(1, 28, 28);
    private static final int FORMAT = 1;
    private static final String ZIP_ENTRY = "objects/" + ZIP_KEY;

    /**
     * The data a model was trained and tested on.
     *
     * @param sha256      fingerprint of the sweep's three splits (the runs' {@code data.sha256})
     * @param testSha256  SHA-256 of the test split alone (pixels then labels), which {@code evaluate} checks
     * @param dataset     fashion-mnist or idx; null when the data came through the Java API (no recipe kept)
     * @param path        the dataset folder the sweep read
     * @param seed        the sweep's master seed, which cut the subsets and the validation split
     */
    public record DataOrigin(String sha256, String testSha256, String dataset, String path, int trainLimit,
                             int testLimit, double validationFraction, long seed) {

        /** Whether the splits can be cut again from a dataset folder. */
        public boolean reproducible() {
            return dataset != null;
        }
    }

    /** What the run measured on the test set. */
    public record Metrics(double testAccuracy, double testLoss, int epochsTrained, int bestEpoch) {
    }

    public SavedModelProvenance {
        classNames = List.copyOf(classNames);
        inputShape = List.copyOf(inputShape);
        runtime = new TreeMap<>(runtime);
    }

    /** The ND4J backend the run trained on. */
    public String backend() {
        return runtime.get("nd4j.backend");
    }

    /** Which code applied the optimizer (the fused Java Adam, or DL4J's updater and why). */
    public String updater() {
        return runtime.get("updater");
    }

    public String toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("sweep", sweep).put("trialId", trialId).put("runId", runId).put("seed", seed).put("rerun", rerun)
                .put("fullTrain", fullTrain);
        root.put("networkJson", networkJson);
        root.set("plan", readTree(mapper, planJson));
        ObjectNode d = root.putObject("data");
        d.put("sha256", data.sha256()).put("testSha256", data.testSha256()).put("dataset", data.dataset())
                .put("path", data.path()).put("trainLimit", data.trainLimit()).put("testLimit", data.testLimit())
                .put("validationFraction", data.validationFraction()).put("seed", data.seed());
        ObjectNode m = root.putObject("metrics");
        m.put("testAccuracy", metrics.testAccuracy()).put("testLoss", metrics.testLoss())
                .put("epochsTrained", metrics.epochsTrained()).put("bestEpoch", metrics.bestEpoch());
        classNames.forEach(root.putArray("classNames")::add);
        inputShape.forEach(root.putArray("inputShape")::add);
        root.put("pixelScale", pixelScale);
        root.put("backend", backend()).put("updater", updater());
        ObjectNode versions = root.putObject("versions");
        runtime.forEach(versions::put);
        root.put("savedAt", savedAt);
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("provenance always serialises", e);
        }
    }

    /** @throws IllegalArgumentException if the text is not this class's JSON */
    public static SavedModelProvenance fromJson(String json) {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root = readTree(mapper, json);
        if (root.path("format").asInt() != FORMAT) {
            throw new IllegalArgumentException("not a sparksweep model provenance (format " + FORMAT + ")");
        }
        JsonNode d = root.path("data");
        JsonNode m = root.path("metrics");
        List<String> names = new ArrayList<>();
        root.path("classNames").forEach(n -> names.add(n.asText()));
        List<Integer> shape = new ArrayList<>();
        root.path("inputShape").forEach(n -> shape.add(n.asInt()));
        Map<String, String> runtime = new LinkedHashMap<>();
        root.path("versions").fields().forEachRemaining(e -> runtime.put(e.getKey(), e.getValue().asText()));
        return new SavedModelProvenance(text(root, "sweep"), text(root, "trialId"), text(root, "runId"),
                root.path("seed").asLong(), root.path("rerun").asInt(), root.path("fullTrain").asBoolean(),
                text(root, "networkJson"), root.path("plan").toString(),
                new DataOrigin(text(d, "sha256"), text(d, "testSha256"), text(d, "dataset"), text(d, "path"),
                        d.path("trainLimit").asInt(), d.path("testLimit").asInt(),
                        d.path("validationFraction").asDouble(), d.path("seed").asLong()),
                new Metrics(m.path("testAccuracy").asDouble(Double.NaN), m.path("testLoss").asDouble(Double.NaN),
                        m.path("epochsTrained").asInt(), m.path("bestEpoch").asInt()),
                names, shape, text(root, "pixelScale"), runtime, root.path("savedAt").asLong());
    }

    /** {@code zip} with this provenance added as DL4J's {@code addObjectToFile} would add it. */
    public byte[] embedIn(byte[] zip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length + 8192);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(ZIP_ENTRY)) {
                    continue;
                }
                copy.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(copy);
                copy.closeEntry();
            }
            copy.putNextEntry(new ZipEntry(ZIP_ENTRY));
            ObjectOutputStream object = new ObjectOutputStream(copy);
            object.writeObject(toJson());
            object.flush();
            copy.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add provenance to the model zip: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * The provenance inside a model zip.
     *
     * @param what names the file in the error message
     * @throws IllegalArgumentException if the bytes are not a zip or hold no sparksweep provenance
     */
    public static SavedModelProvenance readFrom(byte[] zip, String what) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            boolean anyEntry = false;
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                anyEntry = true;
                if (entry.getName().equals(ZIP_ENTRY)) {
                    Object json = new ObjectInputStream(in).readObject();
                    if (!(json instanceof String text)) {
                        throw new IllegalArgumentException(what + ": " + ZIP_ENTRY + " is not a JSON string");
                    }
                    return fromJson(text);
                }
            }
            throw new IllegalArgumentException(what + (anyEntry ? " has no sparksweep provenance (" + ZIP_ENTRY
                    + "): not a model saved by sparksweep" : " is not a model zip"));
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException(what + " is not a model zip (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static JsonNode readTree(ObjectMapper mapper, String json) {
        try {
            JsonNode node = json == null ? null : mapper.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("provenance is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("provenance is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }
}
