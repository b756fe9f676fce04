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

import static io.sparksweep.store.ColumnNames.*;

/**
 * Explicit schemas of every table. Hyperparameter columns sit between the identifying columns and the
 * measured ones; everything is nullable because that is what Parquet gives back anyway.
 */
final class TableSchemas {

    private static final List<StructField> RUNS_HEAD = fields(
            SWEEP, DataTypes.StringType, TRIAL_ID, DataTypes.StringType, MODEL, DataTypes.StringType,
            SEED, DataTypes.LongType,
            REPEAT, DataTypes.IntegerType);
    private static final List<StructField> RUNS_TAIL = fields(
            STATUS, DataTypes.StringType, ERROR, DataTypes.StringType,
            TEST_ACCURACY, DataTypes.DoubleType, TEST_LOSS, DataTypes.DoubleType,
            MACRO_F1, DataTypes.DoubleType, WEIGHTED_F1, DataTypes.DoubleType,
            EPOCHS_TRAINED, DataTypes.IntegerType, BEST_EPOCH, DataTypes.IntegerType,
            TRAIN_SECONDS, DataTypes.DoubleType, EXECUTOR, DataTypes.StringType, GPU, DataTypes.StringType,
            PROVENANCE, DataTypes.StringType, FINISHED_AT, DataTypes.TimestampType,
            VAL_ACCURACY, DataTypes.DoubleType, VAL_LOSS, DataTypes.DoubleType);
    private static final List<StructField> TRIALS_HEAD = fields(
            SWEEP, DataTypes.StringType, TRIAL_ID, DataTypes.StringType, MODEL, DataTypes.StringType);
    private static final List<StructField> TRIALS_TAIL = fields(
            PARAMETERS, DataTypes.LongType, FLOPS, DataTypes.LongType, MACS, DataTypes.LongType,
            COST_JSON, DataTypes.StringType, NETWORK_JSON, DataTypes.StringType,
            PLAN_JSON, DataTypes.StringType);
    private static final List<StructField> SUMMARY_TAIL = fields(
            RUNS_OK, DataTypes.IntegerType, RUNS_FAILED, DataTypes.IntegerType,
            RUNS_DIVERGED, DataTypes.IntegerType,
            ACCURACY_MEAN, DataTypes.DoubleType, ACCURACY_STD, DataTypes.DoubleType,
            ACCURACY_CI95, DataTypes.DoubleType, ACCURACY_MIN, DataTypes.DoubleType,
            ACCURACY_MAX, DataTypes.DoubleType, LOSS_MEAN, DataTypes.DoubleType,
            EPOCHS_MEAN, DataTypes.DoubleType, TRAIN_SECONDS_MEAN, DataTypes.DoubleType,
            MACRO_F1_MEAN, DataTypes.DoubleType,
            PARAMETERS, DataTypes.LongType, FLOPS, DataTypes.LongType, MACS, DataTypes.LongType);
    private static final List<StructField> EPOCHS_TABLE = fields(
            SWEEP, DataTypes.StringType, TRIAL_ID, DataTypes.StringType, SEED, DataTypes.LongType,
            EPOCH, DataTypes.IntegerType, TRAIN_LOSS, DataTypes.DoubleType, VAL_LOSS, DataTypes.DoubleType,
            VAL_ACCURACY, DataTypes.DoubleType, SECONDS, DataTypes.DoubleType);
    private static final List<StructField> CLASSES = fields(
            SWEEP, DataTypes.StringType, TRIAL_ID, DataTypes.StringType, SEED, DataTypes.LongType,
            LABEL, DataTypes.IntegerType, CLASS_NAME, DataTypes.StringType,
            PRECISION, DataTypes.DoubleType, RECALL, DataTypes.DoubleType, F1, DataTypes.DoubleType,
            SUPPORT, DataTypes.LongType);
    private static final List<StructField> CONFUSION = fields(
            SWEEP, DataTypes.StringType, TRIAL_ID, DataTypes.StringType, SEED, DataTypes.LongType,
            ACTUAL, DataTypes.IntegerType, PREDICTED, DataTypes.IntegerType, COUNT, DataTypes.LongType);
    private static final List<StructField> PREDICTIONS = fields(
            SWEEP, DataTypes.StringType, TRIAL_ID, DataTypes.StringType, SEED, DataTypes.LongType,
            ITEM, DataTypes.IntegerType, LABEL, DataTypes.IntegerType, PREDICTED, DataTypes.IntegerType,
            P_LABEL, DataTypes.FloatType, P_PREDICTED, DataTypes.FloatType);
    private static final List<StructField> SWEEP_TABLE = fields(
            NAME, DataTypes.StringType, SPEC_TEXT, DataTypes.StringType, SPEC_HASH, DataTypes.StringType,
            SEED, DataTypes.LongType, REPEATS, DataTypes.IntegerType,
            STARTED, DataTypes.TimestampType, FINISHED, DataTypes.TimestampType,
            SPARK_MASTER, DataTypes.StringType, VERSIONS, DataTypes.StringType, ORIGIN, DataTypes.StringType);
    private static final List<StructField> RACE = fields(
            SWEEP, DataTypes.StringType, SEEDS, DataTypes.IntegerType, AFTER_RUNS, DataTypes.IntegerType,
            TRIAL_ID, DataTypes.StringType, ACTION, DataTypes.StringType,
            AGAINST_TRIAL_ID, DataTypes.StringType, MEAN, DataTypes.DoubleType,
            AGAINST_MEAN, DataTypes.DoubleType, P_VALUE, DataTypes.DoubleType,
            THRESHOLD, DataTypes.DoubleType);
    private static final List<StructField> PROMOTIONS = fields(
            SWEEP, DataTypes.StringType, RUNG, DataTypes.IntegerType, EPOCHS, DataTypes.IntegerType,
            TRIAL_ID, DataTypes.StringType, RUN_TRIAL_ID, DataTypes.StringType,
            MEAN_VAL_ACCURACY, DataTypes.DoubleType, RANK, DataTypes.IntegerType, ACTION, DataTypes.StringType);

    private static final List<StructField> RERUNS = fields(
            SWEEP, DataTypes.StringType, TRIAL_ID, DataTypes.StringType, RUN_ID, DataTypes.StringType,
            MODEL, DataTypes.StringType, SEED, DataTypes.LongType, RERUN, DataTypes.IntegerType,
            FULL_TRAIN, DataTypes.BooleanType, MAX_EPOCHS, DataTypes.IntegerType,
            STATUS, DataTypes.StringType, ERROR, DataTypes.StringType,
            TEST_ACCURACY, DataTypes.DoubleType, TEST_LOSS, DataTypes.DoubleType, MACRO_F1, DataTypes.DoubleType,
            EPOCHS_TRAINED, DataTypes.IntegerType, BEST_EPOCH, DataTypes.IntegerType,
            TRAIN_SECONDS, DataTypes.DoubleType, EXECUTOR, DataTypes.StringType, GPU, DataTypes.StringType,
            MODEL_PATH, DataTypes.StringType, PROVENANCE, DataTypes.StringType,
            FINISHED_AT, DataTypes.TimestampType);
    private static final List<StructField> RERUN_EPOCHS = fields(
            SWEEP, DataTypes.StringType, TRIAL_ID, DataTypes.StringType, RUN_ID, DataTypes.StringType,
            SEED, DataTypes.LongType, EPOCH, DataTypes.IntegerType, TRAIN_LOSS, DataTypes.DoubleType,
            VAL_LOSS, DataTypes.DoubleType, VAL_ACCURACY, DataTypes.DoubleType, SECONDS, DataTypes.DoubleType);
    private static final List<StructField> RERUN_CLASSES = fields(
            SWEEP, DataTypes.StringType, TRIAL_ID, DataTypes.StringType, RUN_ID, DataTypes.StringType,
            SEED, DataTypes.LongType, LABEL, DataTypes.IntegerType, CLASS_NAME, DataTypes.StringType,
            PRECISION, DataTypes.DoubleType, RECALL, DataTypes.DoubleType, F1, DataTypes.DoubleType,
            SUPPORT, DataTypes.LongType);

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
            case EPOCHS -> concat(EPOCHS_TABLE);
            case CLASSES -> concat(CLASSES);
            case CONFUSION -> concat(CONFUSION);
            case PREDICTIONS -> concat(PREDICTIONS);
            case SWEEP -> concat(SWEEP_TABLE);
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
