// readme:imports-begin
import io.sparksweep.data.PreparedData;
import io.sparksweep.engine.CustomSweeps;
import io.sparksweep.engine.SweepEngine;
import io.sparksweep.engine.SweepRequest;
import io.sparksweep.rerun.RerunOutcome;
import io.sparksweep.rerun.RerunRequest;
import io.sparksweep.rerun.Reruns;
import io.sparksweep.space.CustomSpace;
import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.store.ResultsRoot;
import io.sparksweep.train.ModelEvaluation;
import io.sparksweep.train.TrainingPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
// readme:imports-end

import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

/**
 * The manual's Java snippet (docs/java-api.md), compiled with the tests so it cannot drift: {@code ReadmeJavaSnippetTest}
 * checks that the chapter quotes the two marked regions exactly. Default package, as a new user's first file would be.
 */
final class ReadmeJavaExample {

    private ReadmeJavaExample() {
    }

    static void example(SparkSession spark, MultiLayerSpace multiLayerSpace, ParameterSpace<Double> lrSpace,
                        PreparedData preparedData) {
        // readme:code-begin
        PrintWriter console = new PrintWriter(System.out, true);
        SweepRequest request = CustomSweeps.request("my-space",
                new CustomSpace(multiLayerSpace, Map.of("learningRate", lrSpace),   // your Arbiter MultiLayerSpace
                        new SweepDefinition.Search("random", 3, 8), new TrainingPlan(64, true, 3, 10)),
                5 /* seeds */, 42 /* master seed */, preparedData);
        new SweepEngine(spark, console).run(request, ResultsRoot.of(Path.of("results")));

        // The leader again with 5 fresh seeds (the data: a Java API sweep's own); models in results/my-space/models/
        RerunOutcome rerun = new Reruns(spark, console)
                .run(RerunRequest.leader("my-space", 5), Path.of("results"), preparedData);
        ModelEvaluation.Result reloaded = ModelEvaluation.evaluateOn(rerun.models().get(0), preparedData);
        console.printf("reloaded: test accuracy %.4f, as recorded: %b%n", reloaded.testAccuracy(), reloaded.matchesRecorded());
        // readme:code-end
    }
}
