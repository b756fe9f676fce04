package io.sparksweep.decide;

import io.sparksweep.spec.SweepDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Successive halving's promotions by simulation: learning curves with known limits, no training. */
class HalvingPolicyTest {

    private static final SweepDefinition.Halving HALVING = new SweepDefinition.Halving(List.of(2, 6, 18), 3);

    /** Validation accuracy after e epochs: limit * (1 - exp(-e / 3)) plus seed noise. */
    private static double[][][] curves(Random rng, double[] limits, int seeds, double noise) {
        double[][][] scores = new double[limits.length][HALVING.rungs().size()][seeds];
        for (int c = 0; c < limits.length; c++) {
            for (int rung = 0; rung < HALVING.rungs().size(); rung++) {
                for (int r = 0; r < seeds; r++) {
                    scores[c][rung][r] = limits[c] * (1 - Math.exp(-HALVING.rungs().get(rung) / 3.0))
                            + noise * rng.nextGaussian();
                }
            }
        }
        return scores;
    }

    @Test
    void clearlyBestCandidateWinsWithAFractionOfTheRunEpochs() {
        double[] limits = new double[9];
        for (int c = 0; c < limits.length; c++) {
            limits[c] = 0.6 + 0.03 * c;
        }
        HalvingPolicy policy = new HalvingPolicy(HALVING, limits.length, 3);
        Random rng = new Random(3);
        int wins = 0;
        for (int i = 0; i < 200; i++) {
            HalvingPolicy.Progress p = policy.decide(curves(rng, limits, 3, 0.01));
            assertTrue(p.over());
            wins += p.winner() == limits.length - 1 ? 1 : 0;
            // 9 x 3 seeds x 2 epochs, 3 x 3 x 4, 1 x 3 x 12 = 54 + 36 + 36 = 126 of 9 x 3 x 18 = 486
            assertEquals(126, policy.runEpochs(p));
        }
        assertTrue(wins >= 190, "the best candidate won " + wins + " of 200");
    }

    @Test
    void promotionWaitsForEverySeedOfTheRungAndRanksByTheMeanOverSeeds() {
        HalvingPolicy policy = new HalvingPolicy(HALVING, 3, 2);
        double m = RacePolicy.MISSING;
        // Candidate 0 has the best single seed at rung 0 (0.9) but the worst mean (0.5).
        double[][][] scores = {
                {{0.9, 0.1}, {m, m}, {m, m}},
                {{0.6, 0.6}, {m, m}, {m, m}},
                {{0.55, m}, {m, m}, {m, m}}};
        HalvingPolicy.Progress waiting = policy.decide(scores);
        assertFalse(waiting.over());
        assertEquals(0, waiting.rung());
        assertEquals(List.of(new HalvingPolicy.Slot(2, 0, 1)), policy.wanted(waiting, scores));
        scores[2][0][1] = 0.55;
        HalvingPolicy.Progress promoted = policy.decide(scores);
        assertEquals(1, promoted.rung());
        assertEquals(List.of(1), promoted.members(), "3 / 3 = 1 promoted: the best mean");
        assertTrue(promoted.promotions().stream().anyMatch(p -> p.candidate() == 0 && !p.promoted() && p.rank() == 3));
        assertEquals(List.of(new HalvingPolicy.Slot(1, 1, 0), new HalvingPolicy.Slot(1, 1, 1)),
                policy.wanted(promoted, scores));
    }

    @Test
    void runsStillNeededAreExactAtEveryStep() {
        Random rng = new Random(5);
        double[] limits = {0.7, 0.72, 0.74, 0.76, 0.78, 0.8, 0.82, 0.84, 0.86, 0.88};
        int seeds = 2;
        double[][][] all = curves(rng, limits, seeds, 0.01);
        HalvingPolicy policy = new HalvingPolicy(HALVING, limits.length, seeds);
        double[][][] known = new double[limits.length][HALVING.rungs().size()][seeds];
        for (double[][] candidate : known) {
            for (double[] rung : candidate) {
                java.util.Arrays.fill(rung, RacePolicy.MISSING);
            }
        }
        HalvingPolicy.Progress progress = policy.decide(known);
        // 10 candidates, then 10 / 3 = 3, then 1; 2 seeds each
        assertEquals((10 + 3 + 1) * seeds, policy.unfinishedRuns(progress, known));
        int expected = (10 + 3 + 1) * seeds;
        while (!progress.over()) {
            HalvingPolicy.Slot slot = policy.wanted(progress, known).get(0);
            known[slot.candidate()][slot.rung()][slot.repeat()] = all[slot.candidate()][slot.rung()][slot.repeat()];
            progress = policy.decide(known);
            expected--;
            assertEquals(expected, policy.unfinishedRuns(progress, known));
        }
        assertEquals(0, expected, "every run the first count announced was trained");
    }
}
