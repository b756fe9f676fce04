package io.sparksweep.store;

import io.sparksweep.run.RunStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import static io.sparksweep.store.ColumnNames.CLASS_NAME;
import static io.sparksweep.store.ColumnNames.F1;
import static io.sparksweep.store.ColumnNames.LABEL;
import static io.sparksweep.store.ColumnNames.PRECISION;
import static io.sparksweep.store.ColumnNames.RECALL;
import static io.sparksweep.store.ColumnNames.SEED;
import static io.sparksweep.store.ColumnNames.STATUS;
import static io.sparksweep.store.ColumnNames.SWEEP;
import static io.sparksweep.store.ColumnNames.TRIAL_ID;

/**
 * The {@code class_summary} view: per trial and class, precision, recall and F1 averaged over the trial's
 * ok runs (the runs that were evaluated on the test set).
 */
final class ClassSummary {

    private ClassSummary() {
    }

    static Dataset<Row> of(Dataset<Row> classes, Dataset<Row> runs) {
        Dataset<Row> okRuns = runs.filter(functions.col(STATUS).equalTo(RunStatus.OK.label()))
                .select(SWEEP, TRIAL_ID, SEED);
        return classes.join(okRuns, okRuns.columns(), "left_semi")
                .groupBy(SWEEP, TRIAL_ID, LABEL, CLASS_NAME)
                .agg(functions.avg(PRECISION).as("precision_mean"), functions.avg(RECALL).as("recall_mean"),
                        functions.avg(F1).as("f1_mean"))
                .orderBy(SWEEP, TRIAL_ID, LABEL);
    }
}
