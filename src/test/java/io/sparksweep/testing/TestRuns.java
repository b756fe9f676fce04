package io.sparksweep.testing;

import io.sparksweep.run.ClassMetrics;
import io.sparksweep.run.EpochRecord;
import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunStatus;
import io.sparksweep.store.SweepInfo;
import io.sparksweep.store.TrialRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the records of the results package for tests: sensible defaults, override only what a test is
 * about. {@code TestRuns.run("t1", 7).accuracy(0.9).build()}.
 */
public final class TestRuns {

    public static final String SWEEP = "demo";
    public static final long BASE_TIME = 1_700_000_000_000L;

    private String sweep = SWEEP;
    private final String trialId;
    private String model = "mlp";
    private final long seed;
    private int repeat;
    private Map<String, Object> settings = defaultSettings();
    private RunStatus status = RunStatus.OK;
    private String error;
    private double accuracy = 0.8;
    private double loss = 0.5;
    private double seconds = 10.0;
    private double valAccuracy = Double.NaN;
    private double valLoss = Double.NaN;
    private int epochsTrained = 2;
    private List<ClassMetrics> classes = List.of(
            new ClassMetrics(0, "cat", 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35, 10),
            new ClassMetrics(1, "dog", 0.9, 0.95, 2 * 0.9 * 0.95 / 1.85, 30));
    private long[][] confusion = {{6, 4}, {2, 28}};
    private long finishedAt;

    private TestRuns(String trialId, long seed) {
        this.trialId = trialId;
        this.seed = seed;
        this.finishedAt = BASE_TIME + seed * 1000;
    }

    public static TestRuns run(String trialId, long seed) {
        return new TestRuns(trialId, seed);
    }

    /** learningRate (Double), batchSize (Integer), augment (Boolean), optimizer (String). */
    public static Map<String, Object> defaultSettings() {
        return settings(0.001, 64, false, "adam");
    }

    public static Map<String, Object> settings(double learningRate, int batchSize, boolean augment,
                                               String optimizer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("learningRate", learningRate);
        out.put("batchSize", batchSize);
        out.put("augment", augment);
        out.put("optimizer", optimizer);
        return out;
    }

    public static TrialRecord trial(String trialId, Map<String, Object> settings) {
        return new TrialRecord(trialId, "mlp", settings, "{\"layers\":[]}", 1000L + trialId.length(), 4000L, 2000L,
                "[{\"layer\":0}]");
    }

    public static SweepInfo info(String sweep) {
        return new SweepInfo(sweep, "name: " + sweep, "hash-" + sweep, 42L, 3, BASE_TIME, BASE_TIME + 60_000,
                "local[2]", "{\"spark\":\"3.5.3\"}", SweepInfo.Origin.SPEC);
    }

    public TestRuns sweep(String name) {
        this.sweep = name;
        return this;
    }

    public TestRuns model(String family) {
        this.model = family;
        return this;
    }

    public TestRuns repeat(int index) {
        this.repeat = index;
        return this;
    }

    public TestRuns settings(Map<String, Object> values) {
        this.settings = values;
        return this;
    }

    public TestRuns accuracy(double value) {
        this.accuracy = value;
        return this;
    }

    /** Validation accuracy of the best (second) epoch. */
    public TestRuns validationAccuracy(double value) {
        this.valAccuracy = value;
        return this;
    }

    public TestRuns loss(double value) {
        this.loss = value;
        return this;
    }

    public TestRuns seconds(double value) {
        this.seconds = value;
        return this;
    }

    public TestRuns epochsTrained(int value) {
        this.epochsTrained = value;
        return this;
    }

    public TestRuns classes(List<ClassMetrics> value) {
        this.classes = value;
        return this;
    }

    public TestRuns finishedAt(long millis) {
        this.finishedAt = millis;
        return this;
    }

    /**
     * The best epoch's validation accuracy and loss; by default they follow the test ones (accuracy - 0.01,
     * loss + 0.02), so a ranking on validation agrees with one on test.
     */
    public TestRuns validation(double accuracy, double loss) {
        this.valAccuracy = accuracy;
        this.valLoss = loss;
        return this;
    }

    public TestRuns failed(String message) {
        return notOk(RunStatus.FAILED, message);
    }

    public TestRuns diverged() {
        return notOk(RunStatus.DIVERGED, "loss became NaN at epoch 2");
    }

    private TestRuns notOk(RunStatus newStatus, String message) {
        this.status = newStatus;
        this.error = message;
        this.accuracy = Double.NaN;
        this.loss = Double.NaN;
        this.classes = List.of();
        this.confusion = new long[0][];
        return this;
    }

    public RunRecord build() {
        double bestValAccuracy = !Double.isNaN(valAccuracy) ? valAccuracy : Double.isNaN(accuracy) ? 0.75 : accuracy - 0.01;
        double bestValLoss = !Double.isNaN(valLoss) ? valLoss : Double.isNaN(loss) ? 0.65 : loss + 0.02;
        List<EpochRecord> epochs = List.of(new EpochRecord(1, 1.2, 1.1, 0.6, 4.5),
                new EpochRecord(2, 0.7, status == RunStatus.DIVERGED ? Double.NaN : bestValLoss, bestValAccuracy, 4.4));
        return new RunRecord(sweep, trialId, model, seed, repeat, settings, status, error, accuracy, loss, epochsTrained,
                status == RunStatus.OK ? 2 : 0, seconds, "driver@localhost", null, epochs, classes,
                confusion, "{\"java\":\"17\"}", finishedAt);
    }
}
