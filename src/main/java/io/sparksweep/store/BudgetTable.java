package io.sparksweep.store;

import io.sparksweep.stats.Ranking;
import io.sparksweep.stats.ExpectedMaxCurve;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * The {@code budget} view of one sweep: the expected mean test accuracy of the configuration the sweep's ranking
 * ({@link SweepRanking}, by default on the validation set) would pick had it tried only n of its configurations,
 * for n = 1..N ({@link ExpectedMaxCurve#chosen}). What the sweep's size bought: the last rows say how much the
 * last configurations added in expectation. A halving sweep counts each configuration once, by its last rung.
 */
final class BudgetTable {

    static final StructType SCHEMA = new StructType()
            .add(ColumnNames.SWEEP, DataTypes.StringType).add("configurations", DataTypes.IntegerType)
            .add("expected_best_accuracy", DataTypes.DoubleType)
            .add("expected_best_accuracy_std", DataTypes.DoubleType)
            .add("chosen_on", DataTypes.StringType);

    private BudgetTable() {
    }

    /** The rows, computed on the driver: the sweep's whole ranking. */
    static List<Row> rows(String sweep, SweepResults results) {
        Ranking ranking = SweepRanking.of(results);
        String chosenOn = ranking.column();
        return SweepRanking.budget(results, ranking).points().stream()
                .map(p -> RowFactory.create(sweep, p.configurations(), p.expected(), p.std(), chosenOn))
                .toList();
    }
}
