package io.sparksweep.store;

import io.sparksweep.run.RunStatus;
import io.sparksweep.stats.SampleStats;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.sparksweep.store.ColumnNames.EPOCHS_TRAINED;
import static io.sparksweep.store.ColumnNames.FLOPS;
import static io.sparksweep.store.ColumnNames.MACRO_F1;
import static io.sparksweep.store.ColumnNames.MACS;
import static io.sparksweep.store.ColumnNames.MODEL;
import static io.sparksweep.store.ColumnNames.PARAMETERS;
import static io.sparksweep.store.ColumnNames.STATUS;
import static io.sparksweep.store.ColumnNames.TEST_ACCURACY;
import static io.sparksweep.store.ColumnNames.TEST_LOSS;
import static io.sparksweep.store.ColumnNames.TRAIN_SECONDS;
import static io.sparksweep.store.ColumnNames.TRIAL_ID;

/**
 * The summary table: one row per trial (every trial of the trials table, plus any that only has runs).
 * Accuracy, loss, epochs, seconds and macro F1 are over that trial's ok runs only; failed and diverged runs
 * are just counted. Runs tables are small (one row per run), so the grouping happens on the driver.
 */
final class SummaryTable {

    private SummaryTable() {
    }

    /**
     * @param runs   rows of the runs table, with exactly the given hyperparameter columns, readable by name
     * @param trials rows of the trials table, same columns; may lack trials that have runs, and the reverse
     * @return the summary's rows, by trial id
     */
    static List<Row> rows(String sweep, List<Row> runs, List<Row> trials, List<StructField> hyperparameters) {
        Map<String, Row> trialById = new TreeMap<>();
        trials.forEach(t -> trialById.put(t.getAs(TRIAL_ID), t));
        Map<String, List<Row>> runsByTrial = new TreeMap<>();
        runs.forEach(r -> runsByTrial.computeIfAbsent(r.getAs(TRIAL_ID), k -> new ArrayList<>()).add(r));
        runsByTrial.keySet().forEach(id -> trialById.putIfAbsent(id, null));

        List<Row> rows = new ArrayList<>();
        trialById.forEach((id, trial) -> rows.add(row(sweep, id, trial,
                runsByTrial.getOrDefault(id, List.of()), hyperparameters)));
        return rows;
    }

    private static Row row(String sweep, String trialId, Row trial, List<Row> runs, List<StructField> hyperparameters) {
        List<Row> ok = runs.stream().filter(r -> RunStatus.OK.label().equals(r.getAs(STATUS))).toList();
        Row settingsSource = trial != null ? trial : runs.get(0);
        SampleStats accuracy = SampleStats.of(column(ok, TEST_ACCURACY));
        List<Object> values = new ArrayList<>(List.of(sweep, trialId));
        values.add(settingsSource.getAs(MODEL));
        hyperparameters.forEach(f -> values.add(settingsSource.getAs(f.name())));
        values.addAll(Arrays.asList(ok.size(), count(runs, RunStatus.FAILED), count(runs, RunStatus.DIVERGED),
                RunRows.nullIfNaN(accuracy.mean()), RunRows.nullIfNaN(accuracy.std()),
                RunRows.nullIfNaN(accuracy.ci95()), RunRows.nullIfNaN(accuracy.min()),
                RunRows.nullIfNaN(accuracy.max()), mean(ok, TEST_LOSS), mean(ok, EPOCHS_TRAINED),
                mean(ok, TRAIN_SECONDS), mean(ok, MACRO_F1)));
        for (String cost : List.of(PARAMETERS, FLOPS, MACS)) {
            values.add(trial == null ? null : trial.getAs(cost));
        }
        return RowFactory.create(values.toArray());
    }

    private static int count(List<Row> runs, RunStatus status) {
        return (int) runs.stream().filter(r -> status.label().equals(r.getAs(STATUS))).count();
    }

    private static Double mean(List<Row> runs, String column) {
        return RunRows.nullIfNaN(SampleStats.of(column(runs, column)).mean());
    }

    /** Non-null values of a numeric column. */
    private static double[] column(List<Row> runs, String column) {
        return runs.stream().map(r -> r.<Object>getAs(column)).filter(v -> v != null)
                .mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }
}
