package io.sparksweep.store;

import io.sparksweep.run.EpochRecord;
import io.sparksweep.run.RunRecord;
import io.sparksweep.run.TestPredictions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Rows of the runs, epochs, classes, confusion and predictions tables for one run of a sweep, and of the reruns,
 * rerun_epochs and rerun_classes tables for one run of a rerun. The sweep column is the store's sweep name (the folder
 * the rows live in), so joins across tables never disagree.
 */
final class RunRows {

    private RunRows() {
    }

    /**
     * Accuracy and loss of a run that did not finish are NaN in the record but null here, so that SQL
     * aggregates skip them instead of turning NaN. val_accuracy and val_loss are those of the best epoch, the
     * one whose weights were tested: what a sweep chooses on, so the test set stays for reporting.
     */
    static Row run(String sweep, RunRecord run, HyperparameterColumns hyperparameters) {
        List<Object> values = new ArrayList<>(Arrays.asList(sweep, run.trialId(), run.model(), run.seed(),
                run.repeat()));
        values.addAll(List.of(hyperparameters.values(run.hyperparameters())));
        values.addAll(Arrays.asList(run.status().label(), run.error(), nullIfNaN(run.testAccuracy()),
                nullIfNaN(run.testLoss()), nullIfNaN(ClassAverages.macro(run.classes()).f1()),
                nullIfNaN(ClassAverages.weighted(run.classes()).f1()), run.epochsTrained(), run.bestEpoch(),
                run.trainSeconds(), run.executor(), run.gpu(), run.provenance(), new Timestamp(run.finishedAt())));
        Optional<EpochRecord> best = run.bestEpochRecord();
        values.add(best.map(e -> nullIfNaN(e.valAccuracy())).orElse(null));
        values.add(best.map(e -> nullIfNaN(e.valLoss())).orElse(null));
        return RowFactory.create(values.toArray());
    }

    /** Losses stay NaN here: a NaN epoch is what divergence looks like on a learning curve. */
    static List<Row> epochs(String sweep, RunRecord run) {
        return run.epochs().stream().map(e -> RowFactory.create(sweep, run.trialId(), run.seed(), e.epoch(),
                e.trainLoss(), e.valLoss(), e.valAccuracy(), e.seconds())).toList();
    }

    static List<Row> classes(String sweep, RunRecord run) {
        return run.classes().stream().map(c -> RowFactory.create(sweep, run.trialId(), run.seed(), c.label(),
                c.name(), c.precision(), c.recall(), c.f1(), c.support())).toList();
    }

    /** Every cell, zeros included, so sums over the table need no knowledge of the class count. */
    static List<Row> confusion(String sweep, RunRecord run) {
        List<Row> rows = new ArrayList<>();
        long[][] matrix = run.confusion() == null ? new long[0][] : run.confusion();
        for (int actual = 0; actual < matrix.length; actual++) {
            for (int predicted = 0; predicted < matrix[actual].length; predicted++) {
                rows.add(RowFactory.create(sweep, run.trialId(), run.seed(), actual, predicted,
                        matrix[actual][predicted]));
            }
        }
        return rows;
    }

    /** One row per test item, in the test set's order. */
    static List<Row> predictions(String sweep, RunRecord run, TestPredictions predictions) {
        List<Row> rows = new ArrayList<>(predictions.items());
        for (int item = 0; item < predictions.items(); item++) {
            rows.add(RowFactory.create(sweep, run.trialId(), run.seed(), item, predictions.labels()[item],
                    predictions.predicted()[item], predictions.labelProbability()[item],
                    predictions.predictedProbability()[item]));
        }
        return rows;
    }

    /** A rerun's row: as a run's, without hyperparameters (its trial's are in {@code trials}), with its run id. */
    static Row rerun(String sweep, RerunRecord rerun) {
        RunRecord run = rerun.run();
        return RowFactory.create(sweep, run.trialId(), rerun.runId(), run.model(), run.seed(), run.repeat(),
                rerun.fullTrain(), rerun.maxEpochs(), run.status().label(), run.error(), nullIfNaN(run.testAccuracy()),
                nullIfNaN(run.testLoss()), nullIfNaN(ClassAverages.macro(run.classes()).f1()), run.epochsTrained(),
                run.bestEpoch(), run.trainSeconds(), run.executor(), run.gpu(), rerun.modelPath(), run.provenance(),
                new Timestamp(run.finishedAt()));
    }

    static List<Row> rerunEpochs(String sweep, RerunRecord rerun) {
        RunRecord run = rerun.run();
        return run.epochs().stream().map(e -> RowFactory.create(sweep, run.trialId(), rerun.runId(), run.seed(),
                e.epoch(), e.trainLoss(), e.valLoss(), e.valAccuracy(), e.seconds())).toList();
    }

    static List<Row> rerunClasses(String sweep, RerunRecord rerun) {
        RunRecord run = rerun.run();
        return run.classes().stream().map(c -> RowFactory.create(sweep, run.trialId(), rerun.runId(), run.seed(),
                c.label(), c.name(), c.precision(), c.recall(), c.f1(), c.support())).toList();
    }

    static Double nullIfNaN(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
