package io.sparksweep.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MarginalsTableTest {

    @Test
    void doublesAreShownAsPlainDecimals() {
        assertEquals("0.0001", MarginalsTable.text(1e-4));
        assertEquals("64", MarginalsTable.text(64));
        assertEquals("true", MarginalsTable.text(true));
    }
}
