package io.sparksweep.engine;

import io.sparksweep.store.ResultsRoot;
import io.sparksweep.space.Trial;
import io.sparksweep.testing.PoisonActivation;
import io.sparksweep.testing.Specs;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A driver program for the cluster fault tests, submitted through spark-submit: a tiny sweep through the Java
 * API where one trial halts its executor's JVM in every attempt and one hangs forever, next to healthy ones.
 *
 * <p>args: results folder, run timeout in seconds, then "retry" to retry failed runs.
 */
public final class PoisonSweepDriver {

    public static final String HEALTHY = "healthy";
    public static final String HALTS = "halts";
    public static final String HANGS = "hangs";

    private PoisonSweepDriver() {
    }

    public static void main(String[] args) {
        Path results = Path.of(args[0]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[1]));
        boolean retry = args.length > 2 && args[2].equals("retry");
        SweepRequest base = SpecSweeps.request(Specs.tiny("poison", """
                space: {learningRate: 0.001, batchSize: 50}
                repeats: 1
                """));
        Trial healthy = base.trials().get(0);
        List<Trial> trials = new ArrayList<>();
        trials.add(new Trial(HEALTHY, healthy.model(), healthy.hyperparameters(), healthy.networkJson(), healthy.plan()));
        trials.add(poisoned(healthy, HALTS, PoisonActivation.HALT));
        trials.add(poisoned(healthy, HANGS, PoisonActivation.HANG));
        SweepRequest request = new SweepRequest(base.name(), trials, 1, base.masterSeed(), base.data(), base.specText(),
                base.metric());
        SparkSession spark = SparkSessions.start(null, "poison-sweep");
        try {
            PrintWriter out = new PrintWriter(System.out, true);
            SweepOutcome outcome = new SweepEngine(spark, out, new RunPolicy(timeout, retry)).run(request, ResultsRoot.of(results));
            out.printf("outcome: ok %d failed %d diverged %d skipped %d%n", outcome.ok(), outcome.failed(),
                    outcome.diverged(), outcome.skipped());
        } finally {
            spark.stop();
        }
    }

    private static Trial poisoned(Trial healthy, String id, String mode) {
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(healthy.networkJson());
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            if (layer.getLayer() instanceof BaseLayer base) {
                base.setActivationFn(new PoisonActivation(mode));
                break;
            }
        }
        return new Trial(id, healthy.model(), healthy.hyperparameters(), conf.toJson(), healthy.plan());
    }
}
