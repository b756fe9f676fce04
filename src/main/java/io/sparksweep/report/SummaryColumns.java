package io.sparksweep.report;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The fixed columns of the {@code summary} table; every other column is a hyperparameter of the sweep. */
public final class SummaryColumns {

    public static final Set<String> FIXED = Set.of("sweep", "trial_id", "model", "runs_ok", "runs_failed",
            "runs_diverged", "accuracy_mean", "accuracy_std", "accuracy_ci95", "accuracy_min", "accuracy_max",
            "loss_mean", "epochs_mean", "train_seconds_mean", "macro_f1_mean", "parameters", "flops", "macs");

    private SummaryColumns() {
    }

    /** Hyperparameter column names in table order. This is the only place that decides what is one. */
    public static List<String> hyperparameters(StructType summarySchema) {
        return Arrays.stream(summarySchema.fields())
                .map(StructField::name)
                .filter(name -> !FIXED.contains(name))
                .toList();
    }
}
