package io.sparksweep.search;

import io.sparksweep.engine.SpecSweeps;
import io.sparksweep.engine.SweepEngine;
import io.sparksweep.engine.SweepOutcome;
import io.sparksweep.engine.SweepRequest;
import io.sparksweep.model.ModelFamilies;
import io.sparksweep.run.RunStatus;
import io.sparksweep.spec.SpecLoader;
import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.stats.RankingChoice;
import io.sparksweep.stats.Selection;
import io.sparksweep.store.ResultsRoot;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.testing.Slow;
import io.sparksweep.testing.StopAfter;
import io.sparksweep.train.SavedModels;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Successive halving on real local Spark with real training: 4 learning rates x 2 seeds, rungs of 1 and 2 epochs,
 * half promoted. Interrupted after the first rung and one run of the second, then resumed: the promoted runs continue
 * from the saved state (their epochs number on and start from a trained network), and nothing trains twice.
 */
@Slow
class HalvingSweepTest {

    private final SparkSession spark = LocalSpark.session();
    private final StringWriter console = new StringWriter();

    @TempDir
    Path results;

    private static SweepDefinition spec(String name) {
        String yaml = "name: " + name + "\n"
                + "data: {dataset: fashion-mnist, path: '" + ProjectPaths.fashionMnist() + "', trainLimit: 400, testLimit: 200, validationFraction: 0.25}\n"
                + "model: lenet5\n"
                + "training: {optimizer: adam}\n"
                + "space: {learningRate: [0.003, 0.001, 3.0e-4, 1.0e-7], batchSize: 32, patience: 1}\n"
                + "search: {strategy: halving}\n"
                + "halving: {rungs: [1, 2], reduction: 2}\n"
                + "repeats: 2\n"
                + "seed: 5\n";
        return new SpecLoader(ModelFamilies.names(), ModelFamilies.optimizers()).loadText(yaml, name + ".yaml");
    }

    private List<Row> table(Path sweepDir, String name) {
        return spark.read().parquet(sweepDir.resolve(name).toString()).collectAsList();
    }

    @Test
    void promotesTheBestHalfWhichContinuesFromItsSavedStateAndResumesWithoutTrainingTwice() throws IOException {
        SweepDefinition definition = spec("halving");
        SweepRequest request = SpecSweeps.request(definition);
        SweepDefinition.Halving halving = definition.halving();
        PrintWriter out = new PrintWriter(console, true);
        SweepEngine engine = new SweepEngine(spark, out);
        SweepRequest rungs = new SweepRequest(request.name(), HalvingSource.rungTrials(request.trials(), halving),
                request.repeats(), request.masterSeed(), request.data(), request.specText(), request.metric());
        engine.run(rungs.withSources((r, done, store) -> new StopAfter(new HalvingSource(request.name(),
                request.trials(), request.masterSeed(), request.repeats(), halving,
                RankingChoice.of(request.metric(), Selection.VALIDATION), List.of(), store), 9)),
                ResultsRoot.of(results));
        Path dir = results.resolve("halving");
        assertEquals(9, table(dir, "runs").size(), "interrupted after the first rung and one run of the second");

        SweepOutcome resumed = new HalvingSearch(halving, Selection.VALIDATION).run(engine, request, ResultsRoot.of(results), out);
        assertEquals(3, resumed.ok() + resumed.failed() + resumed.diverged(), console.toString());
        assertEquals(List.of("00000000000000000002.json"), RaceSweepTest.manifests(dir),
                "the interrupted call and the resume publish one snapshot each, promotions with the runs");
        List<Row> runs = table(dir, "runs");
        assertEquals(12, runs.size(), "4 candidates x 2 seeds at rung 1, 2 x 2 at rung 2");
        assertEquals(12, runs.stream().map(r -> r.getAs("trial_id") + "/" + r.getAs("seed")).distinct().count(),
                "no run trained twice");
        assertTrue(runs.stream().allMatch(r -> RunStatus.OK.label().equals(r.getAs("status"))));

        List<Row> promotions = table(dir, "promotions");
        assertEquals(6, promotions.size(), "a row per candidate at rung 1, per promoted candidate at rung 2");
        Set<String> promoted = promotions.stream().filter(p -> "promoted".equals(p.getAs("action")))
                .map(p -> (String) p.getAs("trial_id")).collect(Collectors.toSet());
        assertEquals(2, promoted.size());
        Set<String> secondRung = runs.stream().map(r -> (String) r.getAs("trial_id")).filter(t -> t.endsWith("-r2"))
                .map(t -> t.substring(0, t.length() - 3)).collect(Collectors.toSet());
        assertEquals(promoted, secondRung, "exactly the promoted candidates trained on");
        double worstPromoted = promotions.stream().filter(p -> "promoted".equals(p.getAs("action")))
                .mapToDouble(p -> p.getAs("mean_val_accuracy")).min().orElseThrow();
        assertTrue(promotions.stream().filter(p -> "stopped".equals(p.getAs("action")))
                .allMatch(p -> (Double) p.getAs("mean_val_accuracy") <= worstPromoted), "promoted by mean accuracy");
        String hopeless = request.trials().stream().filter(t -> t.hyperparameters().get("learningRate").equals(1.0e-7))
                .findFirst().orElseThrow().trialId();
        assertTrue(!promoted.contains(hopeless), "a learning rate of 1e-7 is not promoted");
        assertEquals(1, promotions.stream().filter(p -> "winner".equals(p.getAs("action"))).count());

        // The second rung continues: its only epoch is epoch 2, and it starts from a trained network, so its
        // training loss is below what the same seed's first epoch from scratch had.
        List<Row> epochs = table(dir, "epochs");
        for (Row run : runs) {
            String trial = run.getAs("trial_id");
            if (!trial.endsWith("-r2")) {
                continue;
            }
            long seed = run.getAs("seed");
            List<Row> own = epochs.stream().filter(e -> trial.equals(e.getAs("trial_id")) && seed == (Long) e.getAs("seed")).toList();
            assertEquals(List.of(2), own.stream().map(e -> (Integer) e.getAs("epoch")).toList(), "epochs number on");
            String first = trial.substring(0, trial.length() - 1) + "1";
            double firstLoss = epochs.stream().filter(e -> first.equals(e.getAs("trial_id")) && seed == (Long) e.getAs("seed"))
                    .mapToDouble(e -> e.getAs("train_loss")).findFirst().orElseThrow();
            assertTrue((Double) own.get(0).getAs("train_loss") < firstLoss,
                    trial + " continued from its state: " + own.get(0).getAs("train_loss") + " vs " + firstLoss);
        }

        // Every promoted first-rung run kept its state (weights, updater state, iteration and epoch counts); the
        // stopped candidates' states are gone.
        List<Path> states;
        try (Stream<Path> files = Files.list(dir.resolve("state"))) {
            states = files.filter(f -> f.toString().endsWith(".zip")).toList();
        }
        assertEquals(4, states.size(), "2 promoted candidates x 2 seeds: " + states);
        assertTrue(states.stream().allMatch(f -> promoted.stream().anyMatch(t -> f.getFileName().toString().startsWith(t + "-"))),
                "only promoted candidates' states: " + states);
        MultiLayerNetwork state = SavedModels.restore(Files.readAllBytes(states.get(0)), "state");
        assertEquals(1, state.getEpochCount());
        assertEquals(10, state.getIterationCount(), "300 training images in batches of 32");
        assertTrue(state.getUpdater().getStateViewArray().sumNumber().doubleValue() != 0, "Adam's moments kept");

        // Continuing is training on: the same candidates trained 2 epochs straight have the same epoch 2, since the
        // first rung's only epoch was its best (nothing restored from an earlier epoch) and the shuffle goes on.
        SweepRequest straight = new SweepRequest("straight", request.trials().stream()
                .filter(t -> promoted.contains(t.trialId())).toList(), request.repeats(), request.masterSeed(),
                request.data(), request.specText(), request.metric());
        engine.run(straight, ResultsRoot.of(results));
        List<Row> straightEpochs = table(results.resolve("straight"), "epochs");
        assertEquals(8, straightEpochs.size());
        for (Row e : straightEpochs) {
            if ((Integer) e.getAs("epoch") != 2) {
                continue;
            }
            String continued = e.getAs("trial_id") + "-r2";
            Row same = epochs.stream().filter(h -> continued.equals(h.getAs("trial_id"))
                    && e.getAs("seed").equals(h.getAs("seed"))).findFirst().orElseThrow();
            assertEquals((Double) e.getAs("val_loss"), (Double) same.getAs("val_loss"), 1e-9, continued);
            assertEquals((Double) e.getAs("train_loss"), (Double) same.getAs("train_loss"), 1e-9, continued);
        }

        SweepOutcome again = new HalvingSearch(halving, Selection.VALIDATION).run(engine, request, ResultsRoot.of(results), out);
        assertEquals(0, again.ok() + again.failed() + again.diverged(), "a finished halving trains nothing again");
        assertEquals(12, table(dir, "runs").size());
        assertEquals(promotions.stream().map(Row::toString).sorted().toList(),
                table(dir, "promotions").stream().map(Row::toString).sorted().toList(), "same decisions replayed");
    }

    @Test
    void aContinuedRungKeepsTheScheduleItsRunEndedWith() throws IOException {
        String yaml = "name: plateau\n"
                + "data: {dataset: fashion-mnist, path: '" + ProjectPaths.fashionMnist() + "', trainLimit: 400, testLimit: 200, validationFraction: 0.25}\n"
                + "model: lenet5\n"
                + "training: {optimizer: adam}\n"
                + "space: {learningRate: 0.01, batchSize: 32, patience: 10, schedule: {plateau: {patience: 1, factor: 0.5}}}\n"
                + "search: {strategy: halving}\n"
                + "halving: {rungs: [4, 6], reduction: 2}\n"
                + "repeats: 1\n"
                + "seed: 5\n";
        SweepDefinition definition = new SpecLoader(ModelFamilies.names(), ModelFamilies.optimizers()).loadText(yaml, "plateau.yaml");
        SweepRequest request = SpecSweeps.request(definition);
        PrintWriter out = new PrintWriter(console, true);
        SearchStrategies.of(definition).run(new SweepEngine(spark, out), request, ResultsRoot.of(results), out);
        Path dir = results.resolve("plateau");
        List<Row> runs = table(dir, "runs");
        assertEquals(2, runs.size(), console.toString());
        assertTrue(runs.stream().allMatch(r -> "plateau(patience=1,factor=0.5,min=0.0)".equals(r.getAs("schedule"))),
                "the schedule is a hyperparameter column of the runs table");
        Row second = runs.stream().filter(r -> ((String) r.getAs("trial_id")).endsWith("-r2")).findFirst().orElseThrow();
        Map<String, String> provenance = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                (String) second.getAs("provenance"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
        double firstRateOfRung2 = Double.parseDouble(provenance.get("lr.epochs").split(",")[0]);

        // The state the first rung ended with holds the plateau's rate, and the second rung starts with it.
        String stateName = HalvingSource.statePath(second.<String>getAs("trial_id").replace("-r2", ""),
                second.<Long>getAs("seed"), 0);
        String plateau = null;
        try (var zip = new java.util.zip.ZipInputStream(Files.newInputStream(dir.resolve(stateName)))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("sparksweep-plateau.properties")) {
                    plateau = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        assertTrue(plateau != null, "the plateau state is in " + stateName);
        java.util.Properties state = new java.util.Properties();
        state.load(new java.io.StringReader(plateau));
        assertEquals(Double.parseDouble(state.getProperty("learningRate")), firstRateOfRung2, 1e-9, plateau);
        Row first = runs.stream().filter(r -> ((String) r.getAs("trial_id")).endsWith("-r1")).findFirst().orElseThrow();
        Map<String, String> firstProvenance = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                (String) first.getAs("provenance"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
        assertEquals(4, firstProvenance.get("lr.epochs").split(",").length, firstProvenance.get("lr.epochs"));
        assertEquals(2, provenance.get("lr.epochs").split(",").length, "epochs 5 and 6: " + provenance.get("lr.epochs"));
    }
}
