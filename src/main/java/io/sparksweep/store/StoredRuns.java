package io.sparksweep.store;

import io.sparksweep.run.RunStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.sparksweep.store.ColumnNames.BEST_EPOCH;
import static io.sparksweep.store.ColumnNames.EPOCH;
import static io.sparksweep.store.ColumnNames.REPEAT;
import static io.sparksweep.store.ColumnNames.SEED;
import static io.sparksweep.store.ColumnNames.STATUS;
import static io.sparksweep.store.ColumnNames.TEST_ACCURACY;
import static io.sparksweep.store.ColumnNames.TEST_LOSS;
import static io.sparksweep.store.ColumnNames.TRIAL_ID;
import static io.sparksweep.store.ColumnNames.VAL_ACCURACY;
import static io.sparksweep.store.ColumnNames.VAL_LOSS;

/**
 * Every run of a stored sweep with its learning curve on the validation set: what a replay of a race or of
 * successive halving needs. Reads the sweep's current snapshot; takes no lock.
 */
public final class StoredRuns {

    /**
     * One stored run.
     *
     * @param score         status, test metrics and validation metrics at the best epoch
     * @param repeat        index of its seed within the trial (repeat r of every trial shares seed r)
     * @param valAccuracy   validation accuracy after epoch e + 1 (NaN where missing)
     * @param valLoss       validation loss after epoch e + 1 (NaN where missing)
     */
    public record StoredRun(RunScore score, int repeat, double[] valAccuracy, double[] valLoss) {
    }

    private StoredRuns() {
    }

    /** @throws IllegalArgumentException naming the sweep and the sweeps that exist, or the missing table */
    public static List<StoredRun> read(SparkSession spark, ResultsRoot root, String sweep) {
        SweepResults.open(spark, root, sweep);
        SweepTables tables = SweepTables.reader(spark, root, sweep);
        Dataset<Row> runs = tables.read(Table.RUNS).orElseThrow();
        Map<String, List<Row>> curves = new HashMap<>();
        tables.read(Table.EPOCHS).ifPresent(epochs -> epochs.select(TRIAL_ID, SEED, EPOCH, VAL_ACCURACY,
                VAL_LOSS).collectAsList().forEach(r -> curves.computeIfAbsent(r.getString(0) + "/" + r.getLong(1),
                k -> new ArrayList<>()).add(r)));
        List<StoredRun> out = new ArrayList<>();
        for (Row r : runs.select(functions.col(TRIAL_ID), functions.col(SEED), functions.col(REPEAT),
                functions.col(STATUS), functions.col(TEST_ACCURACY), functions.col(TEST_LOSS),
                functions.col(BEST_EPOCH)).collectAsList()) {
            List<Row> curve = curves.getOrDefault(r.getString(0) + "/" + r.getLong(1), List.of());
            int epochs = curve.stream().mapToInt(e -> e.getInt(2)).max().orElse(0);
            double[] accuracy = new double[epochs];
            double[] loss = new double[epochs];
            java.util.Arrays.fill(accuracy, Double.NaN);
            java.util.Arrays.fill(loss, Double.NaN);
            for (Row e : curve) {
                if (e.getInt(2) >= 1) {
                    accuracy[e.getInt(2) - 1] = e.isNullAt(3) ? Double.NaN : e.getDouble(3);
                    loss[e.getInt(2) - 1] = e.isNullAt(4) ? Double.NaN : e.getDouble(4);
                }
            }
            int best = r.isNullAt(6) ? 0 : r.getInt(6);
            boolean hasBest = best >= 1 && best <= epochs;
            RunScore score = new RunScore(r.getString(0), r.getLong(1), RunStatus.of(r.getString(3)), orNaN(r, 4),
                    orNaN(r, 5), hasBest ? accuracy[best - 1] : Double.NaN, hasBest ? loss[best - 1] : Double.NaN);
            out.add(new StoredRun(score, r.isNullAt(2) ? -1 : r.getInt(2), accuracy, loss));
        }
        return out;
    }

    private static double orNaN(Row row, int column) {
        return row.isNullAt(column) ? Double.NaN : row.getDouble(column);
    }
}
