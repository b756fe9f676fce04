package io.sparksweep.engine;

import io.sparksweep.data.DataPreparation;
import io.sparksweep.data.PreparedData;
import io.sparksweep.space.CustomSpace;
import io.sparksweep.space.CustomSpacePlanner;
import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.store.ResultsRoot;
import io.sparksweep.store.StoredSweep;
import io.sparksweep.store.SweepInfo;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.train.TrainingPlan;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java API: a user's own Arbiter MultiLayerSpace through the same engine and tables as YAML specs. */
class CustomSpaceSweepTest {

    private final SparkSession spark = LocalSpark.session();

    @Test
    void userSpaceRunsThroughTheEngineWithNamedColumns(@TempDir Path results) {
        ParameterSpace<Double> learningRate = new ContinuousParameterSpace(1e-4, 1e-2);
        ParameterSpace<Integer> units = new DiscreteParameterSpace<>(16, 32);
        MultiLayerSpace network = new MultiLayerSpace.Builder()
                // Arbiter's AdamSpace(lr) would set beta1 = beta2 = epsilon = 0.001: pass them explicitly.
                .updater(new AdamSpace(learningRate, new FixedValue<>(0.9), new FixedValue<>(0.999), new FixedValue<>(1e-8)))
                .addLayer(new DenseLayerSpace.Builder().nIn(784).nOut(units).activation(Activation.RELU).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(10).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .build();
        Map<String, ParameterSpace<?>> named = new LinkedHashMap<>();
        named.put("learningRate", learningRate);
        named.put("units", units);
        PreparedData data = new DataPreparation().prepare(ProjectPaths.fashionMnist(), true, 400, 200, 0.25, 1);
        SweepRequest request = CustomSweeps.request("custom", new CustomSpace(network, named,
                new SweepDefinition.Search(SweepDefinition.Search.RANDOM, 3, 3), new TrainingPlan(50, true, 2, 1)),
                2, 7, data);
        assertEquals(3, request.trials().size());

        SweepOutcome outcome = new SweepEngine(spark, new PrintWriter(new StringWriter())).run(request, ResultsRoot.of(results));
        assertEquals(6, outcome.ok());
        List<Row> trials = spark.read().parquet(results.resolve("custom/trials").toString()).collectAsList();
        for (Row trial : trials) {
            int n = trial.<Integer>getAs("units");
            assertTrue(n == 16 || n == 32);
            assertEquals(784L * n + n + n * 10L + 10, ((Number) trial.getAs("parameters")).longValue(),
                    "the trial's network is the candidate Arbiter built");
            assertEquals("custom", trial.getAs("model"));
            double lr = trial.getAs("learning_rate");
            assertTrue(lr >= 1e-4 && lr <= 1e-2);
            assertTrue(trial.<String>getAs("network_json").contains("\"beta1\" : 0.9"), "explicit Adam betas survive");
        }
        assertEquals(6, spark.read().parquet(results.resolve("custom/runs").toString()).count());
        assertEquals(SweepInfo.Origin.JAVA_API, StoredSweep.open(spark, ResultsRoot.of(results), "custom").origin(),
                "the sweep table says the Java API made it, so its spec text is not taken for a spec");
        assertEquals("java-api", spark.read().parquet(results.resolve("custom/sweep").toString()).first()
                .getAs("origin"));
    }

    @Test
    void aLeafNamedModelIsRefusedBecauseTheModelColumnAlreadySaysCustom() {
        ParameterSpace<Integer> units = new DiscreteParameterSpace<>(16, 32);
        MultiLayerSpace network = new MultiLayerSpace.Builder()
                .addLayer(new DenseLayerSpace.Builder().nIn(784).nOut(units).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(10).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .build();
        CustomSpace custom = new CustomSpace(network, Map.of("model", units),
                new SweepDefinition.Search(SweepDefinition.Search.RANDOM, 3, 2), new TrainingPlan(50, true, 2, 1));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CustomSpacePlanner.plan(custom, 7, "data"));
        assertEquals("namedLeaves: 'model' is reserved: a custom trial's model is 'custom'", e.getMessage());
    }
}
