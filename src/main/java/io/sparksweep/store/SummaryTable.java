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
        trials.forEach(t -> trialById.put(t.getAs(ColumnNames.TRIAL_ID), t));
        Map<String, List<Row>> runsByTrial = new TreeMap<>();
        runs.forEach(r -> runsByTrial.computeIfAbsent(r.getAs(ColumnNames.TRIAL_ID), k -> new ArrayList<>()).add(r));
        runsByTrial.keySet().forEach(id -> trialById.putIfAbsent(id, null));

        List<Row> rows = new ArrayList<>();
        trialById.forEach((id, trial) -> rows.add(row(sweep, id, trial,
                runsByTrial.getOrDefault(id, List.of()), hyperparameters)));
        return rows;
    }

    private static Row row(String sweep, String trialId, Row trial, List<Row> runs, List<StructField> hyperparameters) {
        List<Row> ok = runs.stream().filter(r -> RunStatus.OK.label().equals(r.getAs(ColumnNames.STATUS))).toList();
        Row settingsSource = trial != null ? trial : runs.get(0);
        SampleStats accuracy = SampleStats.of(column(ok, "test_accuracy"));
        List<Object> values = new ArrayList<>(List.of(sweep, trialId));
        values.add(settingsSource.getAs("model"));
        hyperparameters.forEach(f -> values.add(settingsSource.getAs(f.name())));
        values.addAll(Arrays.asList(ok.size(), count(runs, RunStatus.FAILED), count(runs, RunStatus.DIVERGED),
                RunRows.nullIfNaN(accuracy.mean()), RunRows.nullIfNaN(accuracy.std()),
                RunRows.nullIfNaN(accuracy.ci95()), RunRows.nullIfNaN(accuracy.min()),
                RunRows.nullIfNaN(accuracy.max()), mean(ok, "test_loss"), mean(ok, "epochs_trained"),
                mean(ok, "train_seconds"), mean(ok, "macro_f1")));
        for (String cost : List.of("parameters", "flops", "macs")) {
            values.add(trial == null ? null : trial.getAs(cost));
        }
        return RowFactory.create(values.toArray());
    }

    private static int count(List<Row> runs, RunStatus status) {
        return (int) runs.stream().filter(r -> status.label().equals(r.getAs(ColumnNames.STATUS))).count();
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
