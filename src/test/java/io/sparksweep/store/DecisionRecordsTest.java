package io.sparksweep.store;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The race and promotions tables keep the values they always had: the actions are enums only in Java. */
class DecisionRecordsTest {

    @Test
    void raceActionsAreStoredAsTheirLowerCaseNames() {
        assertEquals(List.of("eliminated", "failed", "winner"), Arrays.stream(RaceRecord.Action.values())
                .map(a -> new RaceRecord(2, 4, "t", a, null, 0.5, Double.NaN, Double.NaN, Double.NaN).row("s")
                        .getString(4)).toList());
    }

    @Test
    void promotionActionsAreStoredAsBefore() {
        assertEquals(List.of("promoted", "stopped", "winner", "last-rung"), Arrays.stream(PromotionRecord.Action.values())
                .map(a -> new PromotionRecord(1, 1, "t", "t-r1", 0.5, 1, a).row("s").getString(7)).toList());
    }

    @Test
    void sweepOriginsAreStoredByTheirLabels() {
        assertEquals(List.of("spec", "java-api"), Arrays.stream(SweepInfo.Origin.values()).map(SweepInfo.Origin::label)
                .toList());
        Arrays.stream(SweepInfo.Origin.values()).forEach(o -> assertEquals(o, SweepInfo.Origin.of(o.label())));
    }
}
