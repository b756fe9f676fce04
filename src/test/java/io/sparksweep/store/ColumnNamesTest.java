package io.sparksweep.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
