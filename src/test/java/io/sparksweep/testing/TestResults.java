package io.sparksweep.testing;

import io.sparksweep.run.RunRecord;
import io.sparksweep.store.SweepStore;
import io.sparksweep.store.TrialRecord;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A results folder with two consolidated sweeps, for tests of views and commands.
 * <ul>
 *   <li>{@value #ALPHA}: t1 clearly worst (0.80 +- 0.01) plus one failed run; t2 and t3 tied around 0.90
 *   (t3 leads by 0.00125, far less than the seed noise); t4 has only a diverged run.</li>
 *   <li>{@value #BETA}: different hyperparameters (adds dropout, has no augment); one trial, two runs.</li>
 * </ul>
 */
public final class TestResults {

    public static final String ALPHA = "alpha";
    public static final String BETA = "beta";

    private TestResults() {
    }

    public static void write(SparkSession spark, Path root) {
        try (SweepStore alpha = new SweepStore(spark, root, ALPHA)) {
            writeAlpha(alpha);
        }
        try (SweepStore beta = new SweepStore(spark, root, BETA)) {
            writeBeta(beta);
        }
    }

    private static void writeAlpha(SweepStore alpha) {
        List<TrialRecord> alphaTrials = new ArrayList<>();
        addTrial(alpha, alphaTrials, "t1", TestRuns.settings(0.1, 64, false, "sgd"), 0.80, 0.81, 0.79, 0.805);
        alpha.journal(TestRuns.run("t1", 5).sweep(ALPHA).settings(TestRuns.settings(0.1, 64, false, "sgd"))
                .failed("CUDA out of memory").build());
        addTrial(alpha, alphaTrials, "t2", TestRuns.settings(0.001, 64, false, "adam"), 0.900, 0.910, 0.890, 0.905);
        addTrial(alpha, alphaTrials, "t3", TestRuns.settings(0.001, 32, true, "adam"), 0.895, 0.905, 0.900, 0.910);
        Map<String, Object> t4 = TestRuns.settings(1.0, 32, true, "sgd");
        alphaTrials.add(TestRuns.trial("t4", t4));
        alpha.journal(TestRuns.run("t4", 1).sweep(ALPHA).settings(t4).diverged().build());
        alpha.consolidate(TestRuns.info(ALPHA), alphaTrials);
    }

    private static void writeBeta(SweepStore beta) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("learningRate", 0.005);
        settings.put("dropout", 0.5);
        List<TrialRecord> betaTrials = new ArrayList<>();
        addTrial(beta, betaTrials, "b1", settings, 0.70, 0.72);
        beta.consolidate(TestRuns.info(BETA), betaTrials);
    }

    private static void addTrial(SweepStore store, List<TrialRecord> trials, String trialId,
                                 Map<String, Object> settings, double... accuracies) {
        trials.add(TestRuns.trial(trialId, settings));
        String sweep = store.sweepDir().getFileName().toString();
        for (int i = 0; i < accuracies.length; i++) {
            RunRecord run = TestRuns.run(trialId, i + 1).sweep(sweep).repeat(i).settings(settings)
                    .accuracy(accuracies[i]).loss(1 - accuracies[i]).build();
            store.journal(run);
        }
    }
}
