package io.sparksweep.model;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Where a saved model came from and how to feed it (Tribuo-style: the provenance travels with the model, as one typed
 * object). Kept as {@value #FILE_NAME} beside {@code model.zip} and inside the zip as a Java-serialised JSON String
 * under the key {@value #ZIP_KEY}, the way DL4J's {@code ModelSerializer.addObjectToFile} stores objects, so
 * {@code ModelSerializer.getObjectFromFile(file, "sparksweep-provenance.json")} reads it in any DL4J program.
 *
 * <p>The JSON is this record as Jackson maps it, with {@code format} = {@value #FORMAT}. A field added to a later
 * version of this format must be optional: a file without it reads as null (or an empty list or map), and a field this
 * version does not know is skipped. A change that an older reader could not ignore takes the next format number.
 * Format 1 files (a flat layout, every runtime fact in one {@code versions} map) are read by {@link #fromJson} too.
 *
 * <p>Input contract for whoever feeds the model: {@code model.inputShape} [channels, height, width] of one image,
 * flattened row-major to one row of {@code channels * height * width} floats; pixels scaled as
 * {@code model.pixelScale} says ({@value #PIXEL_SCALE}: the byte value 0..255 divided by 255, dark background and
 * light garment as in Fashion-MNIST); outputs are probabilities over {@code model.classNames}, in label order.
 *
 * @param format          {@value #FORMAT} for what this version writes
 * @param hyperparameters the trial's hyperparameters as its runs rows hold them (empty in format 1 files)
 * @param savedAt         epoch millis
 */
public record SavedModelProvenance(int format, Run run, Seeds seeds, DataOrigin data, Model model,
                                   Map<String, Object> hyperparameters, Training training, Metrics metrics,
                                   Software software, long savedAt) {

    /** The file beside {@code model.zip}. */
    public static final String FILE_NAME = "provenance.json";
    /** The key of the copy inside the zip ({@code objects/<key>}, DL4J's layout for extra objects). */
    public static final String ZIP_KEY = "sparksweep-provenance.json";
    /** Pixel value x in 0..255 becomes x / 255 (see {@code train.BatchFeed}). */
    public static final String PIXEL_SCALE = "x/255";
    /** One grey 28x28 image: [channels, height, width]. */
    public static final List<Integer> INPUT_SHAPE = List.of(1, 28, 28);
    /** The format this version writes. */
    public static final int FORMAT = 2;
    private static final int FLAT_FORMAT = 1;
    private static final String ZIP_ENTRY = "objects/" + ZIP_KEY;
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<Integer>> INTEGERS = new TypeReference<>() { };

    /**
     * Which run the model is.
     *
     * @param rerun index of the fresh seed within its rerun (0-based); -1 for a sweep's own run
     */
    public record Run(String sweep, String trialId, String runId, int rerun) {
    }

    /**
     * @param run  the run's own seed (weights, shuffling, dropout)
     * @param data the sweep's master seed, which cut the subsets and the validation split
     */
    public record Seeds(long run, long data) {
    }

    /**
     * The data a model was trained and tested on.
     *
     * @param sha256     fingerprint of the sweep's three splits (the runs' {@code data.sha256})
     * @param testSha256 SHA-256 of the test split alone (pixels then labels), which {@code evaluate} checks
     * @param dataset    fashion-mnist or idx; null when the data came through the Java API (no recipe kept)
     * @param path       the dataset folder the sweep read
     */
    public record DataOrigin(String sha256, String testSha256, String dataset, String path, int trainLimit,
                             int testLimit, double validationFraction) {

        /** Whether the splits can be cut again from a dataset folder. */
        public boolean reproducible() {
            return dataset != null;
        }
    }

    /**
     * The network and how to feed it.
     *
     * @param family      the model family ({@code lenet5}, ...); null in format 1 files
     * @param networkJson the exact network configuration the run trained (the sweep's trials table), project layers
     *                    included; the zip holds the same network with DL4J's own layer classes
     * @param classNames  output i is the probability of class i
     */
    public record Model(String family, String networkJson, List<String> classNames, List<Integer> inputShape,
                        String pixelScale) {

        public Model {
            classNames = classNames == null ? List.of() : List.copyOf(classNames);
            inputShape = inputShape == null ? List.of() : List.copyOf(inputShape);
        }
    }

    /**
     * How the run trained.
     *
     * @param plan      the training plan as JSON, as the trials table's {@code plan_json} holds it: batchSize,
     *                  shuffle, patience, maxEpochs, and a schedule or augmentation when it has one
     * @param fullTrain trained on train+validation for a fixed number of epochs
     * @param backend   the ND4J backend the run trained on
     * @param updater   which code applied the optimizer (the fused Java Adam, or DL4J's updater and why)
     * @param threads   ND4J threads of the run
     * @param facts     the run's other runtime facts, as its runs row records them (device, data type, oneDNN helpers,
     *                  learning rate per epoch, Spark task, data-parallel settings): an open set, so a map
     */
    public record Training(@JsonRawValue @JsonDeserialize(using = RawJson.class) String plan, boolean fullTrain,
                           String backend, String updater, int threads, Map<String, String> facts) {

        public Training {
            facts = facts == null ? Map.of() : new TreeMap<>(facts);
        }
    }

    /** What the run measured on the test set. */
    public record Metrics(double testAccuracy, double testLoss, int epochsTrained, int bestEpoch) {
    }

    /** The versions numbers depend on (numerics differ across them) and the machine the run trained on. */
    public record Software(String sparksweep, String dl4j, String spark, String scala, String arbiter,
                           String nd4jClassifier, String java, String javaVendor, String javaVm, String os,
                           String osVersion, String arch, Integer cpus) {
    }

    public SavedModelProvenance {
        hyperparameters = hyperparameters == null ? Map.of() : new LinkedHashMap<>(hyperparameters);
    }

    /**
     * The provenance of a model from its parts, the runtime ones taken from the run's provenance as its runs row
     * records it (one flat map of strings, see {@link RunFacts}).
     */
    public static SavedModelProvenance of(Run run, Seeds seeds, DataOrigin data, Model model,
                                          Map<String, Object> hyperparameters, String planJson, boolean fullTrain,
                                          Metrics metrics, Map<String, String> runFacts, long savedAt) {
        return new SavedModelProvenance(FORMAT, run, seeds, data, model, hyperparameters,
                training(planJson, fullTrain, runFacts), metrics, software(runFacts), savedAt);
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("provenance always serialises", e);
        }
    }

    /** @throws IllegalArgumentException if the text is not a sparksweep model provenance this version reads */
    public static SavedModelProvenance fromJson(String json) {
        JsonNode root = readTree(json);
        int format = root.path("format").asInt(-1);
        if (format == FLAT_FORMAT) {
            root = fromFlatFormat(root);
        } else if (format > FORMAT) {
            throw new IllegalArgumentException("model provenance format " + format + " is newer than this version of"
                    + " sparksweep reads (" + FORMAT + "): use a newer sparksweep");
        } else if (format != FORMAT) {
            throw new IllegalArgumentException("not a sparksweep model provenance (no format " + FLAT_FORMAT + " to "
                    + FORMAT + ")");
        }
        try {
            return JSON.treeToValue(root, SavedModelProvenance.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("model provenance does not read: " + e.getOriginalMessage());
        }
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

    private static Training training(String planJson, boolean fullTrain, Map<String, String> runFacts) {
        Map<String, String> others = new TreeMap<>(runFacts);
        others.keySet().removeAll(RunFacts.TYPED);
        return new Training(planJson, fullTrain, runFacts.get(RunFacts.BACKEND), runFacts.get(RunFacts.UPDATER),
                threads(runFacts.get(RunFacts.THREADS)), others);
    }

    private static Software software(Map<String, String> facts) {
        String cpus = facts.get(RunFacts.CPUS);
        return new Software(facts.get(RunFacts.SPARKSWEEP), facts.get(RunFacts.DL4J), facts.get(RunFacts.SPARK),
                facts.get(RunFacts.SCALA), facts.get(RunFacts.ARBITER), facts.get(RunFacts.ND4J_CLASSIFIER),
                facts.get(RunFacts.JAVA_VERSION), facts.get(RunFacts.JAVA_VENDOR), facts.get(RunFacts.JAVA_VM),
                facts.get(RunFacts.OS_NAME), facts.get(RunFacts.OS_VERSION), facts.get(RunFacts.OS_ARCH),
                cpus == null ? null : threads(cpus));
    }

    /** A count of threads or cores as a run fact records it; 1 when absent or unreadable. */
    private static int threads(String text) {
        try {
            return text == null ? 1 : Math.max(1, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * A format 1 provenance (written before the record had its parts) as the tree of this format: the same facts,
     * moved to where they live now, its {@code versions} map (the run's whole provenance) split like a run's facts.
     */
    private static JsonNode fromFlatFormat(JsonNode flat) {
        Map<String, String> runFacts = new LinkedHashMap<>();
        flat.path("versions").fields().forEachRemaining(e -> runFacts.put(e.getKey(), e.getValue().asText()));
        JsonNode data = flat.path("data");
        JsonNode plan = flat.path("plan");
        SavedModelProvenance upgraded = of(
                new Run(text(flat, "sweep"), text(flat, "trialId"), text(flat, "runId"), flat.path("rerun").asInt()),
                new Seeds(flat.path("seed").asLong(), data.path("seed").asLong()),
                new DataOrigin(text(data, "sha256"), text(data, "testSha256"), text(data, "dataset"), text(data, "path"),
                        data.path("trainLimit").asInt(), data.path("testLimit").asInt(),
                        data.path("validationFraction").asDouble()),
                new Model(null, text(flat, "networkJson"), JSON.convertValue(flat.path("classNames"), STRINGS),
                        JSON.convertValue(flat.path("inputShape"), INTEGERS), text(flat, "pixelScale")),
                Map.of(), plan.isObject() ? plan.toString() : null, flat.path("fullTrain").asBoolean(),
                JSON.convertValue(flat.path("metrics"), Metrics.class), runFacts, flat.path("savedAt").asLong());
        ObjectNode tree = JSON.valueToTree(upgraded);
        // The top-level backend and updater of format 1 win over its versions map, as its readers took them.
        ObjectNode training = (ObjectNode) tree.path("training");
        if (flat.hasNonNull("backend")) {
            training.put("backend", flat.get("backend").asText());
        }
        if (flat.hasNonNull("updater")) {
            training.put("updater", flat.get("updater").asText());
        }
        return tree;
    }

    private static JsonNode readTree(String json) {
        try {
            JsonNode node = json == null ? null : JSON.readTree(json);
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

    /** Reads a JSON object written raw (the plan) back as its text. */
    static final class RawJson extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            return node == null || node.isNull() ? null : node.isTextual() ? node.asText() : node.toString();
        }
    }
}
