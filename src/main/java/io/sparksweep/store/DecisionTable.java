package io.sparksweep.store;

import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Objects;

/**
 * A search strategy's own table (the {@code race} decisions, the {@code promotions} of successive halving): its
 * rows replace the table's old ones in the same snapshot as the runs they were decided from, so a reader never
 * sees decisions without their runs or runs without their decisions.
 *
 * @param rows rows in the table's schema ({@link TableSchemas#of}, no hyperparameter columns), the sweep's name first
 */
public record DecisionTable(Table table, List<Row> rows) {

    public DecisionTable {
        Objects.requireNonNull(table, "table");
        rows = List.copyOf(rows);
    }
}
