package io.sparksweep.store;

import io.sparksweep.stats.ExpectedMaxCurve;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * The {@code budget} view of one sweep: the expected best mean test accuracy had the sweep tried only n of
 * its configurations, for n = 1..N ({@link ExpectedMaxCurve}). What the sweep's size bought: the last rows
 * say how much the last configurations added in expectation.
 */
final class BudgetTable {

    static final StructType SCHEMA = new StructType()
            .add(ColumnNames.SWEEP, DataTypes.StringType).add("configurations", DataTypes.IntegerType)
            .add("expected_best_accuracy", DataTypes.DoubleType)
            .add("expected_best_accuracy_std", DataTypes.DoubleType);

    private BudgetTable() {
    }

    /** @param summary the sweep's summary table: one configuration per row, accuracy_mean over its ok runs */
    static Dataset<Row> of(SparkSession spark, String sweep, Dataset<Row> summary) {
        double[] scores = summary.filter(functions.col("runs_ok").gt(0).and(functions.col("accuracy_mean").isNotNull()))
                .select("accuracy_mean").collectAsList().stream().mapToDouble(r -> r.getDouble(0)).toArray();
        List<Row> rows = ExpectedMaxCurve.of(scores).points().stream()
                .map(p -> RowFactory.create(sweep, p.configurations(), p.expected(), p.std()))
                .toList();
        return spark.createDataFrame(rows, SCHEMA);
    }
}
