package io.sparksweep.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColumnNamesTest {

    @Test
    void camelCaseKeysBecomeSnakeCaseColumns() {
        assertEquals("learning_rate", ColumnNames.hyperparameterColumn("learningRate"));
        assertEquals("kernel_size", ColumnNames.hyperparameterColumn("kernelSize"));
        assertEquals("l2", ColumnNames.hyperparameterColumn("l2"));
        assertEquals("conv2d_filters", ColumnNames.hyperparameterColumn("conv2dFilters"));
        assertEquals("http_timeout", ColumnNames.hyperparameterColumn("HTTPTimeout"));
        assertEquals("already_snake", ColumnNames.hyperparameterColumn("already_snake"));
    }

    @Test
    void aKeyThatWouldShadowAFixedColumnIsPrefixed() {
        assertEquals("hp_seed", ColumnNames.hyperparameterColumn("seed"));
        assertEquals("hp_model", ColumnNames.hyperparameterColumn("model"));
    }

    @Test
    void theIdentifyingColumnsAreColumnsOfTheTablesTheyJoin() {
        for (Table table : List.of(Table.RUNS, Table.EPOCHS, Table.CLASSES, Table.CONFUSION, Table.TRIALS,
                Table.SUMMARY)) {
            Set<String> columns = Set.of(TableSchemas.of(table, List.of()).fieldNames());
            assertTrue(columns.contains(ColumnNames.SWEEP), table + " has " + columns);
            assertTrue(columns.contains(ColumnNames.TRIAL_ID), table + " has " + columns);
            boolean perRun = table != Table.TRIALS && table != Table.SUMMARY;
            assertEquals(perRun, columns.contains(ColumnNames.SEED), table + " has " + columns);
            assertEquals(table == Table.RUNS, columns.contains(ColumnNames.STATUS), table + " has " + columns);
        }
    }
}
