package io.sparksweep.store;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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

    /**
     * {@link #to} done on rows already read, when it needs no cast (the common case: the same columns, or some missing):
     * empty when a column's type differs, for Spark's cast to decide the values.
     */
    static Optional<List<Row>> rows(StructType schema, StructType stored, List<Row> rows) {
        List<String> names = Arrays.asList(stored.fieldNames());
        int[] from = new int[schema.size()];
        for (int i = 0; i < from.length; i++) {
            StructField field = schema.fields()[i];
            from[i] = names.indexOf(field.name());
            if (from[i] >= 0 && !stored.fields()[from[i]].dataType().equals(field.dataType())) {
                return Optional.empty();
            }
        }
        List<Row> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Object[] values = new Object[from.length];
            for (int i = 0; i < from.length; i++) {
                values[i] = from[i] < 0 ? null : row.get(from[i]);
            }
            out.add(new GenericRowWithSchema(values, schema));
        }
        return Optional.of(out);
    }

    private static Column column(StructField field, Set<String> present) {
        Column value = present.contains(field.name()) ? functions.col(field.name()) : functions.lit(null);
        return value.cast(field.dataType()).as(field.name());
    }
}
