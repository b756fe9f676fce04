package io.sparksweep.store;

import io.sparksweep.run.ClassMetrics;
import io.sparksweep.run.EpochRecord;
import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunStatus;
import io.sparksweep.run.TestPredictions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON form of a {@link RunRecord} for the journal. Each hyperparameter is stored with its type, because
 * plain JSON cannot tell 1 (Integer) from 1.0 (Double); non-finite doubles are stored as strings
 * ("NaN"), which strict JSON has no literal for.
 *
 * <p>Versions: format 1 entries (written before runs kept their test predictions) have no {@code predictions}; from
 * format 2 an ok run may carry them ({@link PredictionCodec}); format 3 entries are runs of a rerun, with a
 * {@code rerun} section (run id, full train, epoch budget, model path). Fields added later are read only under the
 * version that has them, so every older entry stays readable; an entry of a newer format than this version knows is
 * refused. An entry is written in the oldest format that holds it: a sweep's runs stay format 2, so a version that
 * knows no reruns in the journal still resumes the sweep, and refuses a rerun's entry rather than taking it for a
 * sweep run.
 */
final class RunRecordJson {

    static final int FORMAT = 3;
    /** The format a sweep's run is written in (one with predictions needs it; reruns need the next). */
    static final int FIRST_WITH_PREDICTIONS = 2;
    private static final int FIRST_WITH_RERUNS = 3;

    /**
     * A journal entry read back: the run, its predictions still encoded (decoded only when a table needs them), and
     * what makes it a rerun's run (null for a sweep's run).
     */
    record Read(RunRecord run, String predictions, RerunRecord rerun) {
    }

    private final ObjectMapper mapper = new ObjectMapper();

    byte[] write(RunRecord run) {
        return write(run, null);
    }

    /** @param predictions the run's test predictions, or null for none */
    byte[] write(RunRecord run, TestPredictions predictions) {
        return write(run, predictions, null);
    }

    /** A rerun's run: the run, and its rerun section. */
    byte[] write(RerunRecord rerun) {
        return write(rerun.run(), null, rerun);
    }

    private byte[] write(RunRecord run, TestPredictions predictions, RerunRecord rerun) {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", rerun == null ? FIRST_WITH_PREDICTIONS : FIRST_WITH_RERUNS);
        root.put("sweep", run.sweep());
        root.put("trialId", run.trialId());
        root.put("model", run.model());
        root.put("seed", run.seed());
        root.put("repeat", run.repeat());
        root.set("hyperparameters", writeSettings(run.hyperparameters()));
        root.put("status", run.status().label());
        root.put("error", run.error());
        putDouble(root, "testAccuracy", run.testAccuracy());
        putDouble(root, "testLoss", run.testLoss());
        root.put("epochsTrained", run.epochsTrained());
        root.put("bestEpoch", run.bestEpoch());
        putDouble(root, "trainSeconds", run.trainSeconds());
        root.put("executor", run.executor());
        root.put("gpu", run.gpu());
        ArrayNode epochs = root.putArray("epochs");
        for (EpochRecord e : run.epochs()) {
            ObjectNode node = epochs.addObject().put("epoch", e.epoch());
            putDouble(node, "trainLoss", e.trainLoss());
            putDouble(node, "valLoss", e.valLoss());
            putDouble(node, "valAccuracy", e.valAccuracy());
            putDouble(node, "seconds", e.seconds());
        }
        ArrayNode classes = root.putArray("classes");
        for (ClassMetrics c : run.classes()) {
            ObjectNode node = classes.addObject().put("label", c.label()).put("name", c.name());
            putDouble(node, "precision", c.precision());
            putDouble(node, "recall", c.recall());
            putDouble(node, "f1", c.f1());
            node.put("support", c.support());
        }
        ArrayNode confusion = root.putArray("confusion");
        for (long[] row : run.confusion() == null ? new long[0][] : run.confusion()) {
            ArrayNode cells = confusion.addArray();
            for (long cell : row) {
                cells.add(cell);
            }
        }
        root.put("provenance", run.provenance());
        root.put("finishedAt", run.finishedAt());
        if (predictions != null) {
            root.putObject("predictions").put("items", predictions.items())
                    .put("encoding", PredictionCodec.ENCODING).put("data", PredictionCodec.encode(predictions));
        }
        if (rerun != null) {
            root.putObject("rerun").put("runId", rerun.runId()).put("fullTrain", rerun.fullTrain())
                    .put("maxEpochs", rerun.maxEpochs()).put("modelPath", rerun.modelPath());
        }
        try {
            return mapper.writeValueAsBytes(root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot serialise run " + run.key() + ": " + e.getMessage(), e);
        }
    }

    /** @param source names the file in the error message */
    RunRecord read(byte[] json, String source) {
        return readEntry(json, source).run();
    }

    /** @param source names the file in the error message */
    Read readEntry(byte[] json, String source) {
        try {
            JsonNode root = mapper.readTree(json);
            int format = root == null ? 0 : root.path("format").asInt();
            if (format > FORMAT) {
                throw new IllegalArgumentException("journal format " + format + " is newer than this version of "
                        + "sparksweep reads (" + FORMAT + "): use a newer sparksweep");
            }
            if (format < 1) {
                throw new IllegalArgumentException("not a sparksweep journal entry (format 1 to " + FORMAT + ")");
            }
            String predictions = null;
            if (format >= FIRST_WITH_PREDICTIONS && root.path("predictions").isObject()) {
                JsonNode node = root.path("predictions");
                if (!PredictionCodec.ENCODING.equals(node.path("encoding").asText())) {
                    throw new IllegalArgumentException("predictions in unknown encoding '"
                            + node.path("encoding").asText() + "'");
                }
                predictions = node.path("data").asText();
            }
            List<EpochRecord> epochs = new ArrayList<>();
            for (JsonNode e : root.path("epochs")) {
                epochs.add(new EpochRecord(e.path("epoch").asInt(), readDouble(e, "trainLoss"),
                        readDouble(e, "valLoss"), readDouble(e, "valAccuracy"), readDouble(e, "seconds")));
            }
            List<ClassMetrics> classes = new ArrayList<>();
            for (JsonNode c : root.path("classes")) {
                classes.add(new ClassMetrics(c.path("label").asInt(), text(c, "name"), readDouble(c, "precision"),
                        readDouble(c, "recall"), readDouble(c, "f1"), c.path("support").asLong()));
            }
            Map<String, Object> settings = readSettings(root.path("hyperparameters"));
            RunRecord run = new RunRecord(text(root, "sweep"), text(root, "trialId"), model(root, settings),
                    root.path("seed").asLong(), root.path("repeat").asInt(), settings, RunStatus.of(text(root, "status")),
                    text(root, "error"), readDouble(root, "testAccuracy"), readDouble(root, "testLoss"),
                    root.path("epochsTrained").asInt(), root.path("bestEpoch").asInt(),
                    readDouble(root, "trainSeconds"), text(root, "executor"), text(root, "gpu"), epochs, classes,
                    readConfusion(root.path("confusion")), text(root, "provenance"), root.path("finishedAt").asLong());
            RerunRecord rerun = null;
            if (format >= FIRST_WITH_RERUNS && root.path("rerun").isObject()) {
                rerun = rerun(run, root.path("rerun"));
            }
            return new Read(run, predictions, rerun);
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("unreadable journal entry " + source + ": " + e.getMessage(), e);
        }
    }

    /** The rerun section of an entry (format 3), or of a rerun journal entry of format 1 ({@link LegacyRerunJournal}). */
    static RerunRecord rerun(RunRecord run, JsonNode section) {
        String runId = text(section, "runId");
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("the rerun section has no runId");
        }
        return new RerunRecord(run, runId, section.path("fullTrain").asBoolean(), section.path("maxEpochs").asInt(),
                text(section, "modelPath"));
    }

    /** Entries journalled before runs carried their model have it only as the swept {@code model} key. */
    private static String model(JsonNode root, Map<String, Object> settings) {
        String model = text(root, "model");
        Object swept = settings.get(ColumnNames.MODEL_KEY);
        return model != null ? model : swept == null ? null : swept.toString();
    }

    private ArrayNode writeSettings(Map<String, Object> settings) {
        ArrayNode out = mapper.createArrayNode();
        settings.forEach((key, value) -> {
            ObjectNode node = out.addObject().put("name", key);
            if (value == null) {
                node.putNull("value");
                return;
            }
            if (value instanceof Double d) {
                node.put("type", "double");
                putDouble(node, "value", d);
            } else if (value instanceof Integer i) {
                node.put("type", "int").put("value", i);
            } else if (value instanceof Boolean b) {
                node.put("type", "boolean").put("value", b);
            } else if (value instanceof String text) {
                node.put("type", "string").put("value", text);
            } else {
                HyperparameterColumns.typeOf(key, value); // throws, naming the key and the unsupported type
            }
        });
        return out;
    }

    private static Map<String, Object> readSettings(JsonNode array) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonNode node : array) {
            String name = node.path("name").asText();
            JsonNode value = node.path("value");
            Object typed = switch (value.isNull() ? "null" : node.path("type").asText()) {
                case "null" -> null;
                case "double" -> readDouble(node, "value");
                case "int" -> value.intValue();
                case "boolean" -> value.booleanValue();
                case "string" -> value.textValue();
                default -> throw new IllegalArgumentException("hyperparameter '" + name + "' has unknown type '"
                        + node.path("type").asText() + "'");
            };
            out.put(name, typed);
        }
        return out;
    }

    private static long[][] readConfusion(JsonNode rows) {
        long[][] out = new long[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            JsonNode row = rows.get(r);
            out[r] = new long[row.size()];
            for (int c = 0; c < out[r].length; c++) {
                out[r][c] = row.get(c).asLong();
            }
        }
        return out;
    }

    private static void putDouble(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.put(field, Double.toString(value));
        }
    }

    private static double readDouble(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Double.parseDouble(value.textValue()) : value.asDouble(Double.NaN);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }
}
