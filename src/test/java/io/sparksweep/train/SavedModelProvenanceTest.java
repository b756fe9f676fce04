package io.sparksweep.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparksweep.model.SavedModelProvenance;
import io.sparksweep.testing.TrainedModels;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A saved model's provenance: one record, one JSON mapping, its format number, and the models saved before it. */
class SavedModelProvenanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMES = List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9");

    /**
     * A provenance exactly as format 1 wrote it (the layout of a real rerun's provenance.json, values shortened): flat,
     * with the plan as an object and every fact of the run in {@code versions}. NETWORK stands for the JSON string.
     */
    private static final String FORMAT_1 = """
            {
              "format" : 1,
              "sweep" : "quickstart",
              "trialId" : "5eb4a8ac6eaa",
              "runId" : "5eb4a8ac6eaa-1462563963474471042",
              "seed" : 1462563963474471042,
              "rerun" : 4,
              "fullTrain" : false,
              "networkJson" : NETWORK,
              "plan" : {
                "batchSize" : 64,
                "shuffle" : true,
                "patience" : 2,
                "maxEpochs" : 2
              },
              "data" : {
                "sha256" : "66d3e8c9f73a06ed8c6503e9d4bc93cf7182d62306bfaa7f1f6909649d3617c4",
                "testSha256" : "de6bbd11be4c7cdad71dfb5a8ea3e4214b5969e6d219ee29500ad11a4348edbd",
                "dataset" : "fashion-mnist",
                "path" : "/data/fashion-mnist",
                "trainLimit" : 5000,
                "testLimit" : 2000,
                "validationFraction" : 0.1,
                "seed" : 42
              },
              "metrics" : {
                "testAccuracy" : 0.826,
                "testLoss" : 0.49103601291404425,
                "epochsTrained" : 2,
                "bestEpoch" : 2
              },
              "classNames" : [ "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9" ],
              "inputShape" : [ 1, 28, 28 ],
              "pixelScale" : "x/255",
              "backend" : "CpuBackend",
              "updater" : "fused-adam",
              "versions" : {
                "arbiter" : "1.0.0-beta7",
                "cpus" : "2",
                "data.sha256" : "66d3e8c9f73a06ed8c6503e9d4bc93cf7182d62306bfaa7f1f6909649d3617c4",
                "dl4j" : "1.0.0-M2.1",
                "java.vendor" : "Debian",
                "java.version" : "17.0.15",
                "java.vm.name" : "OpenJDK 64-Bit Server VM",
                "javacpp.maxPhysicalBytes" : "0",
                "nd4j.backend" : "CpuBackend",
                "nd4j.classifier" : "linux-x86_64-onednn",
                "nd4j.dataType" : "FLOAT",
                "nd4j.device" : "0",
                "onednn.helpers" : "all",
                "os.arch" : "amd64",
                "os.name" : "Linux",
                "os.version" : "6.18.44-fc-v1252",
                "scala" : "2.12",
                "seed" : "1462563963474471042",
                "spark" : "3.5.3",
                "spark.taskAttempt" : "14",
                "sparksweep" : "0.1.0-SNAPSHOT",
                "threads" : "1",
                "updater" : "fused-adam"
              },
              "savedAt" : 1796379158008
            }
            """;

    @Test
    void aModelSavedWithFormat1StillLoadsWithEveryFactWhereItLivesNow(@TempDir Path dir) throws Exception {
        MultiLayerNetwork network = denseNetwork();
        Path file = dir.resolve("model.zip");
        ModelSerializer.writeModel(network, file.toFile(), true);
        // As format 1 was saved: the JSON text, Java-serialised under DL4J's extra-object key.
        ModelSerializer.addObjectToFile(file.toFile(), SavedModelProvenance.ZIP_KEY, formatOne(network));

        SavedModelProvenance p = SavedModelProvenance.readFrom(Files.readAllBytes(file), file.toString());
        assertEquals(new SavedModelProvenance.Run("quickstart", "5eb4a8ac6eaa", "5eb4a8ac6eaa-1462563963474471042", 4),
                p.run());
        assertEquals(new SavedModelProvenance.Seeds(1462563963474471042L, 42), p.seeds());
        assertEquals(new SavedModelProvenance.DataOrigin("66d3e8c9f73a06ed8c6503e9d4bc93cf7182d62306bfaa7f1f6909649d3617c4",
                "de6bbd11be4c7cdad71dfb5a8ea3e4214b5969e6d219ee29500ad11a4348edbd", "fashion-mnist",
                "/data/fashion-mnist", 5000, 2000, 0.1), p.data());
        assertEquals(NAMES, p.model().classNames());
        assertEquals(List.of(1, 28, 28), p.model().inputShape());
        assertEquals(network.getLayerWiseConfigurations().toJson(), p.model().networkJson());
        assertNull(p.model().family(), "format 1 did not record the family");
        assertTrue(p.hyperparameters().isEmpty(), "nor the hyperparameters");
        assertEquals(new TrainingPlan(64, true, 2, 2), TrainingPlan.fromJson(p.training().plan()));
        assertEquals("CpuBackend", p.training().backend());
        assertEquals("fused-adam", p.training().updater());
        assertEquals(1, p.training().threads());
        assertEquals(Map.of("javacpp.maxPhysicalBytes", "0", "nd4j.dataType", "FLOAT", "nd4j.device", "0",
                "onednn.helpers", "all", "spark.taskAttempt", "14"), p.training().facts());
        assertEquals(new SavedModelProvenance.Metrics(0.826, 0.49103601291404425, 2, 2), p.metrics());
        assertEquals(new SavedModelProvenance.Software("0.1.0-SNAPSHOT", "1.0.0-M2.1", "3.5.3", "2.12", "1.0.0-beta7",
                "linux-x86_64-onednn", "17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "Linux", "6.18.44-fc-v1252",
                "amd64", 2), p.software());
        assertEquals(1796379158008L, p.savedAt());
        assertEquals(p, SavedModelProvenance.fromJson(p.toJson()), "and it is written again in this format");

        Predictions predictions = Predictions.of(file);
        assertEquals(NAMES, predictions.classNames(), "predict takes the class names from it");
        assertEquals(28, predictions.side());
        ModelEvaluation.Result evaluated = ModelEvaluation.evaluateOn(file, TrainedModels.data());
        assertEquals(TrainedModels.data().test().count(), evaluated.testImages(), "evaluate reloads it");
    }

    @Test
    void theProvenanceIsOneRecordWithOneJsonMappingAndItsFormatNumber() throws Exception {
        SavedModelProvenance p = sample();
        String json = p.toJson();
        assertEquals(p, SavedModelProvenance.fromJson(json));
        ObjectNode tree = (ObjectNode) JSON.readTree(json);
        assertEquals(SavedModelProvenance.FORMAT, tree.path("format").asInt());
        assertEquals(List.of("format", "run", "seeds", "data", "model", "hyperparameters", "training", "metrics",
                "software", "savedAt"), fieldNames(tree));
        assertEquals(64, tree.path("training").path("plan").path("batchSize").asInt(), "the plan is an object, not text");
        assertEquals("fused-adam", tree.path("training").path("updater").asText());
        assertEquals("3", tree.path("training").path("facts").path("spark.taskAttempt").asText());
        assertEquals(0.002, tree.path("hyperparameters").path("learningRate").asDouble());
        assertEquals("1.0.0-M2.1", tree.path("software").path("dl4j").asText());
    }

    @Test
    void fieldsAddedLaterReadAsAbsentAndUnknownOnesAreSkippedWithinTheFormat() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(sample().toJson());
        tree.remove("hyperparameters");
        ((ObjectNode) tree.path("model")).remove("family");
        tree.put("addedByANewerVersion", "ignored");
        SavedModelProvenance p = SavedModelProvenance.fromJson(tree.toString());
        assertTrue(p.hyperparameters().isEmpty());
        assertNull(p.model().family());
        assertEquals(sample().run(), p.run());

        tree.put("format", SavedModelProvenance.FORMAT + 1);
        IllegalArgumentException newer = assertThrows(IllegalArgumentException.class,
                () -> SavedModelProvenance.fromJson(tree.toString()));
        assertTrue(newer.getMessage().contains("newer"), newer.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SavedModelProvenance.fromJson("{\"sweep\": \"x\"}"));
    }

    private static SavedModelProvenance sample() {
        Map<String, Object> hyperparameters = new LinkedHashMap<>();
        hyperparameters.put("learningRate", 0.002);
        hyperparameters.put("batchSize", 50);
        Map<String, String> runFacts = new LinkedHashMap<>();
        runFacts.put("dl4j", "1.0.0-M2.1");
        runFacts.put("java.version", "17.0.15");
        runFacts.put("cpus", "2");
        runFacts.put("nd4j.backend", "CpuBackend");
        runFacts.put("threads", "1");
        runFacts.put("updater", "fused-adam");
        runFacts.put("seed", "7");
        runFacts.put("spark.taskAttempt", "3");
        return SavedModelProvenance.of(new SavedModelProvenance.Run("s", "t1", "t1-7", -1),
                new SavedModelProvenance.Seeds(7, 42),
                new SavedModelProvenance.DataOrigin("a", "b", "fashion-mnist", "/data", 100, 50, 0.1),
                new SavedModelProvenance.Model("lenet5", "{}", NAMES, SavedModelProvenance.INPUT_SHAPE,
                        SavedModelProvenance.PIXEL_SCALE),
                hyperparameters, new TrainingPlan(64, true, 2, 3).toJson(), false,
                new SavedModelProvenance.Metrics(0.8, 0.5, 3, 2), runFacts, 1L);
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String formatOne(MultiLayerNetwork network) throws Exception {
        return FORMAT_1.replace("NETWORK", JSON.writeValueAsString(network.getLayerWiseConfigurations().toJson()));
    }

    /** One dense layer over a flat 28x28 grey image, the smallest network predict and evaluate accept. */
    private static MultiLayerNetwork denseNetwork() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(784).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }
}
