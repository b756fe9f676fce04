package io.sparksweep.store;

import io.sparksweep.run.RunStatus;
import io.sparksweep.stats.Marginals;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sparksweep.store.ColumnNames.ACCURACY_MEAN;
import static io.sparksweep.store.ColumnNames.ACCURACY_STD;
import static io.sparksweep.store.ColumnNames.STATUS;
import static io.sparksweep.store.ColumnNames.SWEEP;
import static io.sparksweep.store.ColumnNames.TEST_ACCURACY;
import static io.sparksweep.store.ColumnNames.TRIAL_ID;

/**
 * The {@code marginals} view of one sweep. Values of different hyperparameters have different types, so
 * the value column is text: 0.001, 64, true, adam.
 */
final class MarginalsTable {

    static final StructType SCHEMA = new StructType()
            .add(SWEEP, DataTypes.StringType).add("hyperparameter", DataTypes.StringType)
            .add("value", DataTypes.StringType).add("trials", DataTypes.IntegerType)
            .add("n", DataTypes.IntegerType).add(ACCURACY_MEAN, DataTypes.DoubleType)
            .add(ACCURACY_STD, DataTypes.DoubleType);

    private MarginalsTable() {
    }

    /** The rows, computed on the driver from the ok runs (one Spark job). */
    static List<Row> rows(String sweep, Dataset<Row> runs) {
        List<String> names = TableSchemas.hyperparameterFields(runs.schema()).stream().map(StructField::name).toList();
        List<Marginals.Observation> observations = runs
                .filter(functions.col(STATUS).equalTo(RunStatus.OK.label())
                        .and(functions.col(TEST_ACCURACY).isNotNull()))
                .collectAsList().stream().map(r -> observation(r, names)).toList();
        List<Row> rows = Marginals.of(names, observations).stream()
                .map(m -> RowFactory.create(sweep, m.hyperparameter(), text(m.value()), m.trials(), m.n(),
                        RunRows.nullIfNaN(m.mean()), RunRows.nullIfNaN(m.std())))
                .toList();
        return rows;
    }

    private static Marginals.Observation observation(Row run, List<String> names) {
        Map<String, Object> settings = new LinkedHashMap<>();
        names.forEach(name -> settings.put(name, run.getAs(name)));
        return new Marginals.Observation(run.getAs(TRIAL_ID), settings, run.<Double>getAs(TEST_ACCURACY));
    }

    /** Plain decimal for doubles (1.0E-4 reads badly next to 0.001). */
    static String text(Object value) {
        if (value instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
