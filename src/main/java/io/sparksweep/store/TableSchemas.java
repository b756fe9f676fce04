package io.sparksweep.store;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Explicit schemas of every table. Hyperparameter columns sit between the identifying columns and the
 * measured ones; everything is nullable because that is what Parquet gives back anyway.
 */
final class TableSchemas {

    private static final List<StructField> RUNS_HEAD = fields(
            "sweep", DataTypes.StringType, "trial_id", DataTypes.StringType, "model", DataTypes.StringType,
            "seed", DataTypes.LongType,
            "repeat", DataTypes.IntegerType);
    private static final List<StructField> RUNS_TAIL = fields(
            "status", DataTypes.StringType, "error", DataTypes.StringType,
            "test_accuracy", DataTypes.DoubleType, "test_loss", DataTypes.DoubleType,
            "macro_f1", DataTypes.DoubleType, "weighted_f1", DataTypes.DoubleType,
            "epochs_trained", DataTypes.IntegerType, "best_epoch", DataTypes.IntegerType,
            "train_seconds", DataTypes.DoubleType, "executor", DataTypes.StringType, "gpu", DataTypes.StringType,
            "provenance", DataTypes.StringType, "finished_at", DataTypes.TimestampType,
            "val_accuracy", DataTypes.DoubleType, "val_loss", DataTypes.DoubleType);
    private static final List<StructField> TRIALS_HEAD = fields(
            "sweep", DataTypes.StringType, "trial_id", DataTypes.StringType, "model", DataTypes.StringType);
    private static final List<StructField> TRIALS_TAIL = fields(
            "parameters", DataTypes.LongType, "flops", DataTypes.LongType, "macs", DataTypes.LongType,
            "cost_json", DataTypes.StringType, "network_json", DataTypes.StringType,
            "plan_json", DataTypes.StringType);
    private static final List<StructField> SUMMARY_TAIL = fields(
            "runs_ok", DataTypes.IntegerType, "runs_failed", DataTypes.IntegerType,
            "runs_diverged", DataTypes.IntegerType,
            "accuracy_mean", DataTypes.DoubleType, "accuracy_std", DataTypes.DoubleType,
            "accuracy_ci95", DataTypes.DoubleType, "accuracy_min", DataTypes.DoubleType,
            "accuracy_max", DataTypes.DoubleType, "loss_mean", DataTypes.DoubleType,
            "epochs_mean", DataTypes.DoubleType, "train_seconds_mean", DataTypes.DoubleType,
            "macro_f1_mean", DataTypes.DoubleType,
            "parameters", DataTypes.LongType, "flops", DataTypes.LongType, "macs", DataTypes.LongType);
    private static final List<StructField> EPOCHS = fields(
            "sweep", DataTypes.StringType, "trial_id", DataTypes.StringType, "seed", DataTypes.LongType,
            "epoch", DataTypes.IntegerType, "train_loss", DataTypes.DoubleType, "val_loss", DataTypes.DoubleType,
            "val_accuracy", DataTypes.DoubleType, "seconds", DataTypes.DoubleType);
    private static final List<StructField> CLASSES = fields(
            "sweep", DataTypes.StringType, "trial_id", DataTypes.StringType, "seed", DataTypes.LongType,
            "label", DataTypes.IntegerType, "class_name", DataTypes.StringType,
            "precision", DataTypes.DoubleType, "recall", DataTypes.DoubleType, "f1", DataTypes.DoubleType,
            "support", DataTypes.LongType);
    private static final List<StructField> CONFUSION = fields(
            "sweep", DataTypes.StringType, "trial_id", DataTypes.StringType, "seed", DataTypes.LongType,
            "actual", DataTypes.IntegerType, "predicted", DataTypes.IntegerType, "count", DataTypes.LongType);
    private static final List<StructField> SWEEP = fields(
            "name", DataTypes.StringType, "spec_text", DataTypes.StringType, "spec_hash", DataTypes.StringType,
            "seed", DataTypes.LongType, "repeats", DataTypes.IntegerType,
            "started", DataTypes.TimestampType, "finished", DataTypes.TimestampType,
            "spark_master", DataTypes.StringType, "versions", DataTypes.StringType, "origin", DataTypes.StringType);
    private static final List<StructField> RACE = fields(
            "sweep", DataTypes.StringType, "seeds", DataTypes.IntegerType, "after_runs", DataTypes.IntegerType,
            "trial_id", DataTypes.StringType, "action", DataTypes.StringType,
            "against_trial_id", DataTypes.StringType, "mean", DataTypes.DoubleType,
            "against_mean", DataTypes.DoubleType, "p_value", DataTypes.DoubleType,
            "threshold", DataTypes.DoubleType);
    private static final List<StructField> PROMOTIONS = fields(
            "sweep", DataTypes.StringType, "rung", DataTypes.IntegerType, "epochs", DataTypes.IntegerType,
            "trial_id", DataTypes.StringType, "run_trial_id", DataTypes.StringType,
            "mean_val_accuracy", DataTypes.DoubleType, "rank", DataTypes.IntegerType, "action", DataTypes.StringType);

    private static final List<StructField> RERUNS = fields(
            "sweep", DataTypes.StringType, "trial_id", DataTypes.StringType, "run_id", DataTypes.StringType,
            "model", DataTypes.StringType, "seed", DataTypes.LongType, "rerun", DataTypes.IntegerType,
            "full_train", DataTypes.BooleanType, "max_epochs", DataTypes.IntegerType,
            "status", DataTypes.StringType, "error", DataTypes.StringType,
            "test_accuracy", DataTypes.DoubleType, "test_loss", DataTypes.DoubleType, "macro_f1", DataTypes.DoubleType,
            "epochs_trained", DataTypes.IntegerType, "best_epoch", DataTypes.IntegerType,
            "train_seconds", DataTypes.DoubleType, "executor", DataTypes.StringType, "gpu", DataTypes.StringType,
            "model_path", DataTypes.StringType, "provenance", DataTypes.StringType,
            "finished_at", DataTypes.TimestampType);
    private static final List<StructField> RERUN_EPOCHS = fields(
            "sweep", DataTypes.StringType, "trial_id", DataTypes.StringType, "run_id", DataTypes.StringType,
            "seed", DataTypes.LongType, "epoch", DataTypes.IntegerType, "train_loss", DataTypes.DoubleType,
            "val_loss", DataTypes.DoubleType, "val_accuracy", DataTypes.DoubleType, "seconds", DataTypes.DoubleType);
    private static final List<StructField> RERUN_CLASSES = fields(
            "sweep", DataTypes.StringType, "trial_id", DataTypes.StringType, "run_id", DataTypes.StringType,
            "seed", DataTypes.LongType, "label", DataTypes.IntegerType, "class_name", DataTypes.StringType,
            "precision", DataTypes.DoubleType, "recall", DataTypes.DoubleType, "f1", DataTypes.DoubleType,
            "support", DataTypes.LongType);

    /** Columns of runs, trials and summary that are not hyperparameters. */
    static final Set<String> FIXED_COLUMNS = Stream.of(RUNS_HEAD, RUNS_TAIL, TRIALS_HEAD, TRIALS_TAIL, SUMMARY_TAIL)
            .flatMap(List::stream).map(StructField::name).collect(Collectors.toUnmodifiableSet());

    private TableSchemas() {
    }

    /** @param hyperparameters the sweep's hyperparameter columns; ignored by tables that have none */
    static StructType of(Table table, List<StructField> hyperparameters) {
        return switch (table) {
            case RUNS -> concat(RUNS_HEAD, hyperparameters, RUNS_TAIL);
            case TRIALS -> concat(TRIALS_HEAD, hyperparameters, TRIALS_TAIL);
            case SUMMARY -> concat(TRIALS_HEAD, hyperparameters, SUMMARY_TAIL);
            case EPOCHS -> concat(EPOCHS);
            case CLASSES -> concat(CLASSES);
            case CONFUSION -> concat(CONFUSION);
            case SWEEP -> concat(SWEEP);
            case RERUNS -> concat(RERUNS);
            case RERUN_EPOCHS -> concat(RERUN_EPOCHS);
            case RERUN_CLASSES -> concat(RERUN_CLASSES);
            case RACE -> concat(RACE);
            case PROMOTIONS -> concat(PROMOTIONS);
        };
    }

    /** The hyperparameter columns of a runs, trials or summary schema, in table order. */
    static List<StructField> hyperparameterFields(StructType schema) {
        return Arrays.stream(schema.fields()).filter(f -> !FIXED_COLUMNS.contains(f.name())).toList();
    }

    @SafeVarargs
    private static StructType concat(List<StructField>... parts) {
        List<StructField> all = new ArrayList<>();
        for (List<StructField> part : parts) {
            all.addAll(part);
        }
        return new StructType(all.toArray(StructField[]::new));
    }

    private static List<StructField> fields(Object... nameTypePairs) {
        List<StructField> out = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            out.add(DataTypes.createStructField((String) nameTypePairs[i], (DataType) nameTypePairs[i + 1], true));
        }
        return List.copyOf(out);
    }
}
