package io.sparksweep.store;

import io.sparksweep.run.RunStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The {@code class_summary} view: per trial and class, precision, recall and F1 averaged over the trial's
 * ok runs (the runs that were evaluated on the test set).
 */
final class ClassSummary {

    private ClassSummary() {
    }

    static Dataset<Row> of(Dataset<Row> classes, Dataset<Row> runs) {
        Dataset<Row> okRuns = runs.filter(functions.col(ColumnNames.STATUS).equalTo(RunStatus.OK.label()))
                .select(ColumnNames.SWEEP, ColumnNames.TRIAL_ID, ColumnNames.SEED);
        return classes.join(okRuns, okRuns.columns(), "left_semi")
                .groupBy(ColumnNames.SWEEP, ColumnNames.TRIAL_ID, "label", "class_name")
                .agg(functions.avg("precision").as("precision_mean"), functions.avg("recall").as("recall_mean"),
                        functions.avg("f1").as("f1_mean"))
                .orderBy(ColumnNames.SWEEP, ColumnNames.TRIAL_ID, "label");
    }
}
