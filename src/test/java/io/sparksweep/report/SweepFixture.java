package io.sparksweep.report;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a small but realistic sweep's seven tables with Spark, laid out as the results writer lays them out:
 * 3 trials x 3 seeds of a CNN on Fashion-MNIST, 3 epochs, 10 classes, one failed run. Trial {@code t-best} wins,
 * {@code t-mid} is the smallest and fastest, {@code t-flaky} lost a seed to a failure. Strings that HTML must
 * escape are planted in the spec and in the failure's message.
 */
public final class SweepFixture {

    public static final String SWEEP = "fmnist-cnn";
    static final List<String> HYPERPARAMETERS = List.of("learning_rate", "batch_size", "shuffle", "patience");
    static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final String HOSTILE_ERROR = "OOM <script>alert('x')</script> see https://example.org/oom";
    static final String SPEC_TEXT = "name: fmnist-cnn\nmodel: cnn # <b>not bold</b>\nseeds: 3\n"
            + "grid:\n  learning_rate: [0.001, 0.01, 0.1]\n  batch_size: [32, 64]\n";
    static final long BASE_SEED = 42;
    static final int SEEDS = 3;
    static final int EPOCHS = 3;

    /** Trials in the fixture: id, hyperparameter values, mean accuracy, parameters, seconds per run. */
    record Trial(String id, double learningRate, int batchSize, boolean shuffle, double accuracy, long parameters,
                 double seconds, int failedSeedIndex) {
    }

    static final List<Trial> TRIALS = List.of(
            new Trial("t-best", 0.01, 64, true, 0.90, 420_000, 60, -1),
            new Trial("t-mid", 0.001, 32, false, 0.86, 110_000, 30, -1),
            new Trial("t-flaky", 0.1, 64, true, 0.80, 900_000, 90, 2));

    private SweepFixture() {
    }

    public static Path write(SparkSession spark, Path resultsRoot) {
        Path dir = resultsRoot.resolve(SWEEP);
        List<Row> runs = new ArrayList<>();
        List<Row> epochs = new ArrayList<>();
        List<Row> classes = new ArrayList<>();
        List<Row> confusion = new ArrayList<>();
        List<Row> trials = new ArrayList<>();
        List<Row> summary = new ArrayList<>();
        Timestamp finished = Timestamp.valueOf("2026-01-02 03:04:05");
        for (Trial trial : TRIALS) {
            List<Double> accuracies = new ArrayList<>();
            for (int repeat = 0; repeat < SEEDS; repeat++) {
                long seed = BASE_SEED + repeat;
                boolean failed = repeat == trial.failedSeedIndex();
                double accuracy = failed ? Double.NaN : trial.accuracy() + 0.01 * (repeat - 1);
                if (!failed) {
                    accuracies.add(accuracy);
                }
                runs.add(RowFactory.create(SWEEP, trial.id(), seed, repeat, trial.learningRate(), trial.batchSize(),
                        trial.shuffle(), 3, failed ? "failed" : "ok", failed ? HOSTILE_ERROR : null, accuracy,
                        failed ? Double.NaN : 1 - accuracy, failed ? 1 : EPOCHS, failed ? 0 : EPOCHS,
                        trial.seconds() + repeat, "exec-" + (repeat % 2) + "@127.0.0.1", null,
                        "{\"java\":\"17\",\"dl4j\":\"1.0.0-M2.1\"}", finished));
                int epochsRun = failed ? 1 : EPOCHS;
                for (int epoch = 1; epoch <= epochsRun; epoch++) {
                    double progress = (double) epoch / EPOCHS;
                    epochs.add(RowFactory.create(SWEEP, trial.id(), seed, epoch, 1.2 - 0.5 * progress,
                            1.3 - 0.45 * progress + 0.02 * repeat, trial.accuracy() * (0.85 + 0.15 * progress)
                                    + 0.005 * repeat, 10.0));
                }
                if (!failed) {
                    addTestResults(trial.id(), seed, accuracy, classes, confusion);
                }
            }
            Stats stats = Stats.of(accuracies);
            trials.add(RowFactory.create(SWEEP, trial.id(), "cnn", trial.learningRate(), trial.batchSize(),
                    trial.shuffle(), 3, trial.parameters(), 2 * trial.parameters() * 30, trial.parameters() * 30,
                    "[]", "{}"));
            summary.add(RowFactory.create(SWEEP, trial.id(), "cnn", trial.learningRate(), trial.batchSize(),
                    trial.shuffle(), 3, accuracies.size(), SEEDS - accuracies.size(), 0, stats.mean(), stats.std(),
                    stats.ci95(), stats.min(), stats.max(), 1 - stats.mean(), (double) EPOCHS,
                    trial.seconds() + 1, stats.mean() - 0.01, trial.parameters(), 2 * trial.parameters() * 30,
                    trial.parameters() * 30));
        }
        write(spark, dir.resolve("runs"), runs, schema(
                "sweep", DataTypes.StringType, "trial_id", DataTypes.StringType, "seed", DataTypes.LongType,
                "repeat", DataTypes.IntegerType, "learning_rate", DataTypes.DoubleType,
                "batch_size", DataTypes.IntegerType, "shuffle", DataTypes.BooleanType,
                "patience", DataTypes.IntegerType, "status", DataTypes.StringType, "error", DataTypes.StringType,
                "test_accuracy", DataTypes.DoubleType, "test_loss", DataTypes.DoubleType,
                "epochs_trained", DataTypes.IntegerType, "best_epoch", DataTypes.IntegerType,
                "train_seconds", DataTypes.DoubleType, "executor", DataTypes.StringType, "gpu", DataTypes.StringType,
                "provenance", DataTypes.StringType, "finished_at", DataTypes.TimestampType));
        write(spark, dir.resolve("epochs"), epochs, schema(
                "sweep", DataTypes.StringType, "trial_id", DataTypes.StringType, "seed", DataTypes.LongType,
                "epoch", DataTypes.IntegerType, "train_loss", DataTypes.DoubleType, "val_loss", DataTypes.DoubleType,
                "val_accuracy", DataTypes.DoubleType, "seconds", DataTypes.DoubleType));
        write(spark, dir.resolve("classes"), classes, schema(
                "sweep", DataTypes.StringType, "trial_id", DataTypes.StringType, "seed", DataTypes.LongType,
                "label", DataTypes.IntegerType, "class_name", DataTypes.StringType,
                "precision", DataTypes.DoubleType, "recall", DataTypes.DoubleType, "f1", DataTypes.DoubleType,
                "support", DataTypes.LongType));
        write(spark, dir.resolve("confusion"), confusion, schema(
                "sweep", DataTypes.StringType, "trial_id", DataTypes.StringType, "seed", DataTypes.LongType,
                "actual", DataTypes.IntegerType, "predicted", DataTypes.IntegerType, "count", DataTypes.LongType));
        write(spark, dir.resolve("trials"), trials, schema(
                "sweep", DataTypes.StringType, "trial_id", DataTypes.StringType, "model", DataTypes.StringType,
                "learning_rate", DataTypes.DoubleType, "batch_size", DataTypes.IntegerType,
                "shuffle", DataTypes.BooleanType, "patience", DataTypes.IntegerType,
                "parameters", DataTypes.LongType, "flops", DataTypes.LongType, "macs", DataTypes.LongType,
                "cost_json", DataTypes.StringType, "network_json", DataTypes.StringType));
        write(spark, dir.resolve("summary"), summary, schema(
                "sweep", DataTypes.StringType, "trial_id", DataTypes.StringType, "model", DataTypes.StringType,
                "learning_rate", DataTypes.DoubleType, "batch_size", DataTypes.IntegerType,
                "shuffle", DataTypes.BooleanType, "patience", DataTypes.IntegerType,
                "runs_ok", DataTypes.IntegerType, "runs_failed", DataTypes.IntegerType,
                "runs_diverged", DataTypes.IntegerType, "accuracy_mean", DataTypes.DoubleType,
                "accuracy_std", DataTypes.DoubleType, "accuracy_ci95", DataTypes.DoubleType,
                "accuracy_min", DataTypes.DoubleType, "accuracy_max", DataTypes.DoubleType,
                "loss_mean", DataTypes.DoubleType, "epochs_mean", DataTypes.DoubleType,
                "train_seconds_mean", DataTypes.DoubleType, "macro_f1_mean", DataTypes.DoubleType,
                "parameters", DataTypes.LongType, "flops", DataTypes.LongType, "macs", DataTypes.LongType));
        write(spark, dir.resolve("sweep"), List.of(RowFactory.create(SWEEP, SPEC_TEXT, "abc123", BASE_SEED, SEEDS,
                Timestamp.valueOf("2026-01-02 01:00:00"), finished, "local[2]",
                "{\"spark\":\"3.5.3\",\"java\":\"17.0.12\"}")), schema(
                "name", DataTypes.StringType, "spec_text", DataTypes.StringType, "spec_hash", DataTypes.StringType,
                "seed", DataTypes.LongType, "repeats", DataTypes.IntegerType, "started", DataTypes.TimestampType,
                "finished", DataTypes.TimestampType, "spark_master", DataTypes.StringType,
                "versions", DataTypes.StringType));
        return dir;
    }

    /** 100 test images per class; the correct share matches the run's accuracy, the rest goes to the next class. */
    private static void addTestResults(String trialId, long seed, double accuracy, List<Row> classes,
                                       List<Row> confusion) {
        for (int label = 0; label < CLASS_NAMES.size(); label++) {
            long correct = Math.round(100 * accuracy);
            int confusedWith = (label + 1) % CLASS_NAMES.size();
            confusion.add(RowFactory.create(SWEEP, trialId, seed, label, label, correct));
            confusion.add(RowFactory.create(SWEEP, trialId, seed, label, confusedWith, 100 - correct));
            classes.add(RowFactory.create(SWEEP, trialId, seed, label, CLASS_NAMES.get(label), accuracy, accuracy,
                    accuracy, 100L));
        }
    }

    private static StructType schema(Object... namesAndTypes) {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.add(DataTypes.createStructField((String) namesAndTypes[i], (DataType) namesAndTypes[i + 1], true));
        }
        return DataTypes.createStructType(fields);
    }

    private static void write(SparkSession spark, Path table, List<Row> rows, StructType schema) {
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(table.toString());
    }

    /** Statistics of successful seeds, as the summary table holds them; spread and CI need two seeds. */
    record Stats(double mean, double std, Double ci95, double min, double max) {

        /** Two-sided 95% Student t quantiles for 1 and 2 degrees of freedom. */
        private static final double[] T95 = {Double.NaN, 12.706, 4.303};

        static Stats of(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            if (values.size() < 2) {
                return new Stats(mean, Double.NaN, null, mean, mean);
            }
            double variance = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1);
            double std = Math.sqrt(variance);
            double ci = T95[Math.min(values.size() - 1, 2)] * std / Math.sqrt(values.size());
            return new Stats(mean, std, ci, values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        }
    }
}
