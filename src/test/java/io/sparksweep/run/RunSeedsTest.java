package io.sparksweep.run;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunSeedsTest {

    @Test
    void rerunSeedsAreStableDistinctAndNeverASweepSeed() {
        for (long master : new long[]{0, 1, 5, 42, -7, Long.MAX_VALUE, Long.MIN_VALUE}) {
            Set<Long> sweep = new HashSet<>();
            for (int r = 0; r < 2000; r++) {
                sweep.add(RunSeeds.forRepeat(master, r));
            }
            Set<Long> rerun = new HashSet<>();
            for (int i = 0; i < 2000; i++) {
                long seed = RunSeeds.forRerun(master, i);
                assertEquals(seed, RunSeeds.forRerun(master, i), "stable across calls");
                assertTrue(seed >= 0);
                assertFalse(sweep.contains(seed), "master " + master + ": rerun seed " + i + " is a sweep seed");
                rerun.add(seed);
            }
            assertEquals(2000, rerun.size(), "distinct fresh seeds");
        }
    }

    @Test
    void sweepSeedsAreUnchanged() {
        // The sweep's seeds identify its finished runs: a changed formula would retrain every sweep.
        for (int repeat = 0; repeat < 3; repeat++) {
            assertEquals(splitMix(42 + 0x9E3779B97F4A7C15L * (repeat + 1)), RunSeeds.forRepeat(42, repeat),
                    "repeat " + repeat);
        }
    }

    /** SplitMix64's finaliser with the sign bit dropped, written out here so the test pins the formula. */
    private static long splitMix(long input) {
        long z = input;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }
}
