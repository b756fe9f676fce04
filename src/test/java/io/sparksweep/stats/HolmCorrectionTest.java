package io.sparksweep.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reference values: statsmodels 0.13.5 (Debian python3-statsmodels), multipletests(p, method="holm")[1]. */
class HolmCorrectionTest {

    @Test
    void matchesStatsmodelsIncludingTheStepThatKeepsAdjustedValuesMonotone() {
        // the largest p, 0.04, times 1 would be 0.04, below 0.03 * 2 = 0.06: the running maximum lifts it
        assertArrayEquals(new double[]{0.03, 0.06, 0.06, 0.02},
                HolmCorrection.adjust(new double[]{0.01, 0.04, 0.03, 0.005}), 1e-15);
        assertArrayEquals(new double[]{1.0, 1.0}, HolmCorrection.adjust(new double[]{0.7, 0.6}), 1e-15,
                "capped at 1");
    }

    @Test
    void testsThatDidNotRunAreNotCountedAndStayNaN() {
        double[] adjusted = HolmCorrection.adjust(new double[]{Double.NaN, 0.02, 0.04});
        assertTrue(Double.isNaN(adjusted[0]));
        assertEquals(0.04, adjusted[1], 1e-15, "m = 2, not 3");
        assertEquals(0.04, adjusted[2], 1e-15);
    }

    @Test
    void noCorrectionKeepsThePValuesAndNamesAreParsed() {
        assertArrayEquals(new double[]{0.01, 0.04}, Correction.NONE.adjust(new double[]{0.01, 0.04}));
        assertEquals(Correction.HOLM, Correction.parse("Holm"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Correction.parse("bonf"));
        assertTrue(e.getMessage().contains("holm, none"), e.getMessage());
    }
}
