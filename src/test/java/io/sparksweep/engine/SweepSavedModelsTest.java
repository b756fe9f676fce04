package io.sparksweep.engine;

import io.sparksweep.store.ResultsRoot;
import io.sparksweep.model.SavedModelProvenance;
import io.sparksweep.spec.SpecException;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.Specs;
import io.sparksweep.train.ModelEvaluation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** training.saveModels: a sweep's own runs keep their models. */
class SweepSavedModelsTest {

    private final SparkSession spark = LocalSpark.session();

    @Test
    void bestKeepsOneModelPerTrialTheBestRunsAndItReloadsToItsAccuracy(@TempDir Path results) throws IOException {
        SweepRequest request = SpecSweeps.request(Specs.tiny("saved", """
                training: {maxEpochs: 1, optimizer: adam, saveModels: best}
                space:
                  learningRate: [0.002, 0.01]
                  batchSize: 50
                repeats: 2
                seed: 9
                """));
        new SweepEngine(spark, new PrintWriter(new StringWriter())).run(request, ResultsRoot.of(results));
        Path models = results.resolve("saved/models");
        List<Path> folders;
        try (Stream<Path> list = Files.list(models)) {
            folders = list.sorted().toList();
        }
        assertEquals(2, folders.size(), "one model per trial: " + folders);
        List<Row> runs = spark.read().parquet(results.resolve("saved/runs").toString()).collectAsList();
        for (Path folder : folders) {
            String trial = folder.getFileName().toString();
            double best = runs.stream().filter(r -> trial.equals(r.getAs("trial_id")))
                    .mapToDouble(r -> r.<Double>getAs("test_accuracy")).max().orElseThrow();
            ModelEvaluation.Result reloaded = ModelEvaluation.evaluate(folder.resolve("model.zip"));
            SavedModelProvenance provenance = reloaded.provenance();
            assertEquals(best, provenance.metrics().testAccuracy(), 0.0, "the trial's best run's model");
            assertEquals(-1, provenance.run().rerun(), "a sweep's own run");
            assertEquals("lenet5", provenance.model().family());
            assertFalse(provenance.hyperparameters().isEmpty(), "the trial's hyperparameters travel with the model");
            assertEquals(best, reloaded.testAccuracy(), 0.0, "reloads to the recorded accuracy exactly");
        }
    }

    @Test
    void anUnknownSaveModelsValueIsASpecError() {
        SpecException e = assertThrows(SpecException.class,
                () -> Specs.tiny("bad", "training: {maxEpochs: 1, saveModels: some}\n"));
        assertTrue(e.getMessage().contains("training.saveModels"), e.getMessage());
    }
}
