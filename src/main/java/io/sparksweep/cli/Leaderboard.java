package io.sparksweep.cli;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The end-of-sweep printout: the best configurations by mean over seeds, with spread and CI. */
final class Leaderboard {

    private static final Set<String> NOT_HYPERPARAMETERS = Set.of("sweep", "trial_id", "model", "runs_ok",
            "runs_failed", "runs_diverged", "accuracy_mean", "accuracy_std", "accuracy_ci95", "accuracy_min",
            "accuracy_max", "loss_mean", "epochs_mean", "train_seconds_mean", "macro_f1_mean", "parameters", "flops", "macs");
    private final SparkSession spark;

    Leaderboard(SparkSession spark) {
        this.spark = spark;
    }

    void print(Path sweepDir, int top, boolean higherIsBetter, PrintStream out) {
        Path summary = sweepDir.resolve("summary");
        if (!Files.isDirectory(summary)) {
            return;
        }
        Dataset<Row> rows = spark.read().parquet(summary.toString())
                .orderBy(higherIsBetter ? functions.col("accuracy_mean").desc_nulls_last() : functions.col("loss_mean").asc_nulls_last());
        List<String> hyperparameters = Arrays.stream(rows.columns()).filter(c -> !NOT_HYPERPARAMETERS.contains(c)).toList();
        out.printf("top %d of %d configurations (mean ± std over ok seeds, 95%% CI half-width):%n", top, rows.count());
        for (Row r : rows.limit(top).collectAsList()) {
            StringBuilder values = new StringBuilder(r.<String>getAs("model"));
            for (String h : hyperparameters) {
                values.append(' ').append(h).append('=').append((Object) r.getAs(h));
            }
            Object ci = r.getAs("accuracy_ci95");
            out.printf("  %s  acc %.4f ± %.4f  ci95 %s  n=%d  loss %.4f  [%s]%n", r.<String>getAs("trial_id"),
                    (Double) r.getAs("accuracy_mean"), nullToNaN(r.getAs("accuracy_std")),
                    ci == null ? "n/a" : String.format("±%.4f", (Double) ci), ((Number) r.getAs("runs_ok")).intValue(),
                    nullToNaN(r.getAs("loss_mean")), values);
        }
    }

    private static double nullToNaN(Object value) {
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }
}
