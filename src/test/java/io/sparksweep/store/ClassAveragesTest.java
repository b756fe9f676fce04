package io.sparksweep.store;

import io.sparksweep.run.ClassMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassAveragesTest {

    private static final List<ClassMetrics> CLASSES = List.of(
            new ClassMetrics(0, "rare", 0.5, 0.2, 0.3, 10),
            new ClassMetrics(1, "common", 0.9, 0.8, 0.7, 90));

    @Test
    void macroGivesEveryClassTheSameWeight() {
        ClassAverages macro = ClassAverages.macro(CLASSES);

        assertEquals(0.7, macro.precision(), 1e-12);
        assertEquals(0.5, macro.recall(), 1e-12);
        assertEquals(0.5, macro.f1(), 1e-12);
    }

    @Test
    void weightedWeighsByClassSupport() {
        ClassAverages weighted = ClassAverages.weighted(CLASSES);

        assertEquals(0.1 * 0.5 + 0.9 * 0.9, weighted.precision(), 1e-12);
        assertEquals(0.1 * 0.2 + 0.9 * 0.8, weighted.recall(), 1e-12);
        assertEquals(0.1 * 0.3 + 0.9 * 0.7, weighted.f1(), 1e-12);
    }

    @Test
    void aRunWithoutClassesHasNoAverage() {
        assertTrue(Double.isNaN(ClassAverages.macro(List.of()).f1()));
        assertTrue(Double.isNaN(ClassAverages.weighted(List.of()).f1()));
    }
}
