package io.sparksweep.report;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static io.sparksweep.store.ColumnNames.ACCURACY_CI95;
import static io.sparksweep.store.ColumnNames.ACCURACY_MAX;
import static io.sparksweep.store.ColumnNames.ACCURACY_MEAN;
import static io.sparksweep.store.ColumnNames.ACCURACY_MIN;
import static io.sparksweep.store.ColumnNames.ACCURACY_STD;
import static io.sparksweep.store.ColumnNames.EPOCHS_MEAN;
import static io.sparksweep.store.ColumnNames.FLOPS;
import static io.sparksweep.store.ColumnNames.LOSS_MEAN;
import static io.sparksweep.store.ColumnNames.MACRO_F1_MEAN;
import static io.sparksweep.store.ColumnNames.MACS;
import static io.sparksweep.store.ColumnNames.MODEL;
import static io.sparksweep.store.ColumnNames.PARAMETERS;
import static io.sparksweep.store.ColumnNames.RUNS_DIVERGED;
import static io.sparksweep.store.ColumnNames.RUNS_FAILED;
import static io.sparksweep.store.ColumnNames.RUNS_OK;
import static io.sparksweep.store.ColumnNames.SWEEP;
import static io.sparksweep.store.ColumnNames.TRAIN_SECONDS_MEAN;
import static io.sparksweep.store.ColumnNames.TRIAL_ID;

/** The fixed columns of the {@code summary} table; every other column is a hyperparameter of the sweep. */
public final class SummaryColumns {

    public static final Set<String> FIXED = Set.of(SWEEP, TRIAL_ID, MODEL, RUNS_OK, RUNS_FAILED,
            RUNS_DIVERGED, ACCURACY_MEAN, ACCURACY_STD, ACCURACY_CI95, ACCURACY_MIN, ACCURACY_MAX,
            LOSS_MEAN, EPOCHS_MEAN, TRAIN_SECONDS_MEAN, MACRO_F1_MEAN, PARAMETERS, FLOPS, MACS);

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
