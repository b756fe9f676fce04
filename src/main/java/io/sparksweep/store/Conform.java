package io.sparksweep.store;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.Set;

/** Reshapes a table read from disk to a target schema before it is merged with new rows. */
final class Conform {

    private Conform() {
    }

    /**
     * Same columns, order and types as {@code schema}: missing columns become nulls (a hyperparameter added
     * by a later spec), columns of another type are cast (a widened hyperparameter).
     */
    static Dataset<Row> to(StructType schema, Dataset<Row> table) {
        Set<String> present = Set.of(table.columns());
        Column[] columns = Arrays.stream(schema.fields()).map(f -> column(f, present)).toArray(Column[]::new);
        return table.select(columns);
    }

    private static Column column(StructField field, Set<String> present) {
        Column value = present.contains(field.name()) ? functions.col(field.name()) : functions.lit(null);
        return value.cast(field.dataType()).as(field.name());
    }
}
