package io.sparksweep.rerun;

import io.sparksweep.store.ResultsRoot;
import io.sparksweep.engine.SpecSweeps;
import io.sparksweep.engine.SparkTaskTraining;
import io.sparksweep.engine.SweepEngine;
import io.sparksweep.engine.SweepRequest;
import io.sparksweep.model.SavedModelProvenance;
import io.sparksweep.run.RunSeeds;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.PlainDl4jProcess;
import io.sparksweep.testing.Slow;
import io.sparksweep.testing.Specs;
import io.sparksweep.train.ModelEvaluation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real tiny sweep on local[2], then its leader rerun with fresh seeds: rows, saved models, reloads, resume. */
@Slow
class RerunsTest {

    private static final long MASTER_SEED = 5;
    private static final SparkSession SPARK = LocalSpark.session();
    private static Path results;
    private static RerunOutcome first;
    private static String firstConsole;

    @BeforeAll
    static void sweepAndRerunItsLeader() throws IOException {
        results = Files.createTempDirectory("sparksweep-reruns");
        SweepRequest request = SpecSweeps.request(Specs.tiny("rr", """
                training: {maxEpochs: 2, optimizer: adam}
                space:
                  learningRate: [0.002, 0.01]
                  batchSize: 32
                  patience: 1
                repeats: 2
                seed: %d
                """.formatted(MASTER_SEED)));
        new SweepEngine(SPARK, new PrintWriter(new StringWriter())).run(request, ResultsRoot.of(results));
        StringWriter console = new StringWriter();
        first = new Reruns(SPARK, new PrintWriter(console, true)).run(RerunRequest.leader("rr", 2), results);
        firstConsole = console.toString();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> all = Files.walk(results)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<Row> rerunRows() {
        return SPARK.read().parquet(results.resolve("rr/reruns").toString()).collectAsList();
    }

    @Test
    void theLeaderIsRerunWithFreshSeedsAndEveryRunSavesItsModel() {
        Row leader = SPARK.read().parquet(results.resolve("rr/summary").toString())
                .orderBy(org.apache.spark.sql.functions.col("accuracy_mean").desc()).first();
        assertEquals(leader.<String>getAs("trial_id"), first.trialId(), "no --trial: the sweep's leader");
        assertTrue(first.leader());
        assertEquals(2, first.trained());

        Set<Long> sweepSeeds = SPARK.read().parquet(results.resolve("rr/runs").toString()).collectAsList().stream()
                .map(r -> r.<Long>getAs("seed")).collect(Collectors.toSet());
        List<Row> rows = rerunRows().stream().filter(r -> first.runIds().contains(r.<String>getAs("run_id"))).toList();
        assertEquals(2, rows.size());
        for (Row row : rows) {
            assertEquals("ok", row.getAs("status"), String.valueOf(row.<String>getAs("error")));
            assertFalse(sweepSeeds.contains(row.<Long>getAs("seed")), "a fresh seed is never one of the sweep's");
            assertEquals(first.trialId(), row.getAs("trial_id"));
            assertEquals(RunSeeds.forRerun(MASTER_SEED, row.<Integer>getAs("rerun")), row.<Long>getAs("seed"),
                    "the i-th fresh seed derives from the master seed");
            Path model = results.resolve("rr").resolve(row.<String>getAs("model_path"));
            assertTrue(Files.isRegularFile(model), "model saved: " + model);
            assertTrue(Files.isRegularFile(model.resolveSibling(SavedModelProvenance.FILE_NAME)));
        }
        assertEquals(2, first.models().size());
        Object[] ids = first.runIds().toArray();
        assertEquals(2 * 10, SPARK.read().parquet(results.resolve("rr/rerun_classes").toString())
                .filter(org.apache.spark.sql.functions.col("run_id").isin(ids)).count(), "10 classes per run");
        long epochRows = SPARK.read().parquet(results.resolve("rr/rerun_epochs").toString())
                .filter(org.apache.spark.sql.functions.col("run_id").isin(ids)).count();
        assertEquals(rows.stream().mapToLong(r -> r.<Integer>getAs("epochs_trained")).sum(), epochRows,
                "the learning curve of every run");
        assertTrue(firstConsole.contains("sweep (its own seeds)") && firstConsole.contains("difference (rerun - sweep)"),
                firstConsole);
        assertEquals(2, first.sweep().n(), "the sweep's estimate is over its 2 ok runs of the trial");
        assertEquals(2, first.fresh().n());
        assertEquals(first.fresh().mean() - first.sweep().mean(), first.moved().difference(), 1e-12);
    }

    @Test
    void aReloadedModelGivesTheRecordedTestAccuracyExactly() {
        Map<String, Double> recorded = rerunRows().stream().collect(Collectors.toMap(r -> r.getAs("run_id"),
                r -> r.<Double>getAs("test_accuracy")));
        for (Path model : first.models()) {
            ModelEvaluation.Result r = ModelEvaluation.evaluate(model);
            assertTrue(r.sameTestSet());
            assertEquals(200, r.testImages());
            assertEquals(recorded.get(r.provenance().run().runId()), r.testAccuracy(), 0.0, "bit for bit the recorded accuracy");
            assertEquals(r.provenance().metrics().testAccuracy(), r.testAccuracy(), 0.0);
            assertTrue(r.matchesRecorded());
        }
    }

    @Test
    void theSavedModelNamesOnlyDl4jClassesKeepsItsUpdaterStateAndComputesWhatTheTrainedNetworkDoes() throws Exception {
        Path model = first.models().get(0);
        String configuration;
        try (ZipFile zip = new ZipFile(model.toFile())) {
            configuration = new String(zip.getInputStream(zip.getEntry("configuration.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(zip.getEntry("updaterState.bin") != null, "updater state saved, so training can continue");
        }
        assertFalse(configuration.contains("io.sparksweep"), "plain DL4J layer classes only");
        assertTrue(configuration.contains("ConvolutionLayer") && configuration.contains("BatchNormalization"));

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), true);
        INDArray state = restored.getUpdater().getStateViewArray();
        assertTrue(state.length() > 0 && state.amaxNumber().doubleValue() > 0, "Adam's moments came back");
        assertTrue(restored.getIterationCount() > 0, "the iteration count Adam's bias correction needs came back");

        SavedModelProvenance provenance = SavedModelProvenance.fromJson(
                ModelSerializer.getObjectFromFile(model.toFile(), SavedModelProvenance.ZIP_KEY));
        assertEquals(SavedModelProvenance.fromJson(Files.readString(model.resolveSibling(SavedModelProvenance.FILE_NAME))),
                provenance, "the copy beside the zip and the one inside agree");
        assertEquals(SavedModelProvenance.FORMAT, provenance.format());
        assertEquals(List.of(1, 28, 28), provenance.model().inputShape());
        assertEquals(10, provenance.model().classNames().size());
        assertEquals("rr", provenance.run().sweep());
        assertTrue(provenance.model().networkJson().contains("io.sparksweep.model.layers"), "the exact JSON the run trained");
        assertEquals("fused-adam", provenance.training().updater());
        assertEquals("1.0.0-M2.1", provenance.software().dl4j(), "library versions travel with the model");
        assertTrue(provenance.training().facts().containsKey("nd4j.device"), "the run's other facts too");
        assertEquals(first.runIds().size(), first.models().size());
        assertTrue(provenance.data().reproducible() && provenance.data().testSha256().length() == 64);

        MultiLayerNetwork project = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(provenance.model().networkJson()));
        project.init(restored.params().dup(), false);
        INDArray images = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 784);
        assertTrue(project.output(images).equalsWithEps(restored.output(images), 1e-6),
                "same outputs as the network with the project's layers");
    }

    @Test
    void theSavedModelLoadsInAPlainDl4jJvmWithoutSparksweepOnItsClassPath() throws Exception {
        Path model = first.models().get(0);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
        INDArray input = Nd4j.valueArrayOf(new long[]{1, 784}, 0.5f);
        float[] expected = restored.output(input).toFloatVector();

        PlainDl4jProcess.Result child = PlainDl4jProcess.loadAndPredict(model);
        assertEquals(0, child.exit(), child.output());
        assertEquals(10, child.outputs().length, child.output());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], child.outputs()[i], 1e-5, "class " + i + ": " + child.output());
        }
        assertTrue(child.output().contains("provenance sweep=rr"), child.output());
    }

    @Test
    void aResumedRerunTrainsOnlyTheMissingRuns() {
        Map<String, Object> before = rerunRows().stream().collect(Collectors.toMap(r -> r.getAs("run_id"),
                r -> r.getAs("finished_at")));
        RerunOutcome more = new Reruns(SPARK, new PrintWriter(new StringWriter()))
                .run(new RerunRequest("rr", first.trialId(), 3, null, false, null), results);
        assertEquals(1, more.trained(), "only the third seed is new");
        assertEquals(2, more.skipped());
        assertEquals(first.runIds(), more.runIds().subList(0, 2), "seeds are stable across reruns");
        List<Row> after = rerunRows();
        first.runIds().forEach(id -> assertEquals(before.get(id), after.stream()
                .filter(r -> id.equals(r.getAs("run_id"))).findFirst().orElseThrow().getAs("finished_at"),
                "finished runs are left untouched"));
        assertEquals(3, after.stream().filter(r -> more.runIds().contains(r.<String>getAs("run_id"))).count());
        assertEquals(3, more.models().size());
    }

    @Test
    void aRerunPausedForACheckpointAfterEveryEpochEndsWithTheNumbersOfOneThatNeverPaused() throws IOException {
        RerunRequest request = new RerunRequest("rr", first.trialId(), 1, 3, true, null);
        Map<String, List<String>> byWay = new java.util.LinkedHashMap<>();
        for (String way : List.of("never", "every-epoch")) {
            Path root = Files.createDirectories(results.resolve("checkpointed-" + way));
            io.sparksweep.testing.Folders.copyTree(results.resolve("rr"), root.resolve("rr"));
            StringWriter console = new StringWriter();
            RerunOutcome outcome = new Reruns(SPARK, new PrintWriter(console, true), new SparkTaskTraining(SPARK),
                    way.equals("never") ? null : java.time.Duration.ofMillis(1)).run(request, root);
            assertEquals(1, outcome.trained(), console.toString());
            String runId = outcome.runIds().get(0);
            List<String> numbers = new java.util.ArrayList<>();
            SPARK.read().parquet(root.resolve("rr/reruns").toString()).where("run_id = '" + runId + "'").collectAsList()
                    .forEach(r -> numbers.add(r.getAs("test_accuracy") + " " + r.getAs("test_loss") + " "
                            + r.getAs("epochs_trained")));
            SPARK.read().parquet(root.resolve("rr/rerun_epochs").toString()).where("run_id = '" + runId + "'")
                    .orderBy("epoch").collectAsList().forEach(r -> numbers.add(r.getAs("epoch") + " " + r.getAs("train_loss")));
            byWay.put(way, numbers);
            assertTrue(!Files.isDirectory(root.resolve("rr/checkpoints"))
                    || Files.list(root.resolve("rr/checkpoints")).noneMatch(f -> f.toString().endsWith(".ckpt")),
                    "no checkpoint outlives its run");
        }
        assertEquals(4, byWay.get("never").size(), "one row and 3 epochs: " + byWay);
        assertEquals(byWay.get("never"), byWay.get("every-epoch"));
    }

    @Test
    void fullTrainTrainsOnTrainAndValidationForTheSweepsMeanBestEpoch() {
        RerunOutcome full = new Reruns(SPARK, new PrintWriter(new StringWriter()))
                .run(new RerunRequest("rr", first.trialId(), 1, null, true, null), results);
        double meanBest = SPARK.read().parquet(results.resolve("rr/runs").toString())
                .where("status = 'ok' and trial_id = '" + first.trialId() + "'").agg(
                        org.apache.spark.sql.functions.avg("best_epoch")).first().getDouble(0);
        int epochs = (int) Math.round(meanBest);
        String runId = full.runIds().get(0);
        assertTrue(runId.endsWith("-full" + epochs), runId);
        Row row = rerunRows().stream().filter(r -> runId.equals(r.getAs("run_id"))).findFirst().orElseThrow();
        assertEquals(epochs, row.<Integer>getAs("epochs_trained"), "exactly that many epochs, no early stopping");
        assertTrue(row.<Boolean>getAs("full_train"));
        assertTrue(SavedModelProvenance.readFrom(readAll(full.models().get(0)), "model").training().fullTrain());
        assertNotEquals(first.runIds().get(0), runId, "another procedure, another run");
    }

    @Test
    void anUnknownTrialOrSweepIsBadInputNamingIt() {
        Reruns reruns = new Reruns(SPARK, new PrintWriter(new StringWriter()));
        IllegalArgumentException trial = assertThrows(IllegalArgumentException.class,
                () -> reruns.run(new RerunRequest("rr", "nosuchtrial", 1, null, false, null), results));
        assertTrue(trial.getMessage().startsWith("sweep 'rr' has no trial 'nosuchtrial' (2 trials"), trial.getMessage());
        IllegalArgumentException sweep = assertThrows(IllegalArgumentException.class,
                () -> reruns.run(RerunRequest.leader("nope", 1), results));
        assertTrue(sweep.getMessage().contains("no sweep 'nope'"), sweep.getMessage());
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
