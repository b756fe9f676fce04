package io.sparksweep.testing;

import io.sparksweep.run.RunRecord;
import io.sparksweep.run.TestPredictions;
import io.sparksweep.store.SweepStore;
import io.sparksweep.store.TrialRecord;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A consolidated sweep whose ok runs carry per-item test predictions (the {@code predictions} table), a failed run,
 * and a rerun journaled but not consolidated: for the commands that read or copy whole sweeps.
 */
public final class PredictedResults {

    public static final String SWEEP = "predicted";
    /** Test items per run. */
    public static final int ITEMS = 50;
    /** Ok runs: two trials, three seeds each. */
    public static final int OK_RUNS = 6;

    private PredictedResults() {
    }

    public static void write(SparkSession spark, Path root) {
        try (SweepStore store = new SweepStore(spark, root, SWEEP)) {
            List<TrialRecord> trials = new ArrayList<>();
            double[][] accuracies = {{0.80, 0.82, 0.81}, {0.88, 0.86, 0.87}};
            for (int t = 0; t < accuracies.length; t++) {
                String trial = "p" + t;
                Map<String, Object> settings = TestRuns.settings(0.001 * (t + 1), 64, t == 1, "adam");
                trials.add(TestRuns.trial(trial, settings));
                for (int i = 0; i < accuracies[t].length; i++) {
                    RunRecord run = TestRuns.run(trial, i + 1).sweep(SWEEP).repeat(i).settings(settings)
                            .accuracy(accuracies[t][i]).validation(accuracies[t][i] + 0.01, 0.3).build();
                    store.journal(run, predictions(t * 10 + i, ITEMS));
                }
            }
            store.journal(TestRuns.run("p0", 4).sweep(SWEEP).repeat(3).settings(trials.get(0).hyperparameters())
                    .failed("out of memory").build());
            store.consolidate(TestRuns.info(SWEEP), trials);
            store.journal(TestRuns.run("p1", 9).sweep(SWEEP).repeat(3).settings(trials.get(1).hyperparameters())
                    .accuracy(0.9).build(), predictions(99, ITEMS));
        }
    }

    /** A run's answers for {@code items} test items of two classes, different for each {@code salt}. */
    public static TestPredictions predictions(int salt, int items) {
        int[] labels = new int[items];
        int[] predicted = new int[items];
        float[] pLabel = new float[items];
        float[] pPredicted = new float[items];
        for (int i = 0; i < items; i++) {
            labels[i] = i % 2;
            predicted[i] = (i + salt) % 3 == 0 ? 1 - labels[i] : labels[i];
            pLabel[i] = (float) (0.1 + 0.8 * ((i * 7 + salt) % 10) / 10.0);
            pPredicted[i] = predicted[i] == labels[i] ? pLabel[i] : 1 - pLabel[i];
        }
        return new TestPredictions(labels, predicted, pLabel, pPredicted);
    }
}
