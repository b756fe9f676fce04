package io.sparksweep.decide;

import io.sparksweep.spec.SweepDefinition;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The race's decisions by simulation: scores drawn from known distributions, no training. */
class RacePolicyTest {

    private static final SweepDefinition.Race RACE = new SweepDefinition.Race(2, 10, 0.05, 0);

    /** Every candidate's every seed, drawn at once; the policy only ever looks at prefixes. */
    private static double[][] draw(Random rng, double[] means, double seedEffect, double noise, int seeds) {
        double[] noises = new double[means.length];
        Arrays.fill(noises, noise);
        return draw(rng, means, seedEffect, noises, seeds);
    }

    private static double[][] draw(Random rng, double[] means, double seedEffect, double[] noises, int seeds) {
        double[] shared = new double[seeds];
        for (int r = 0; r < seeds; r++) {
            shared[r] = seedEffect * rng.nextGaussian();
        }
        double[][] scores = new double[means.length][seeds];
        for (int c = 0; c < means.length; c++) {
            for (int r = 0; r < seeds; r++) {
                scores[c][r] = means[c] + shared[r] + noises[c] * rng.nextGaussian();
            }
        }
        return scores;
    }

    /** Noise levels of equal candidates: all 0.01, or spread from 0.0025 to 0.04 (16 times apart). */
    private static double[] noises(int candidates, boolean unequal) {
        double[] noises = new double[candidates];
        for (int c = 0; c < candidates; c++) {
            noises[c] = unequal ? 0.0025 * Math.pow(16, c / (double) (candidates - 1)) : 0.01;
        }
        return noises;
    }

    private static double eliminationRate(int candidates, double seedEffect, boolean unequal, int races, long seed) {
        Random rng = new Random(seed);
        RacePolicy policy = new RacePolicy(RACE, candidates);
        double[] means = new double[candidates];
        Arrays.fill(means, 0.8);
        int withElimination = 0;
        for (int i = 0; i < races; i++) {
            RacePolicy.Progress p = policy.decide(draw(rng, means, seedEffect, noises(candidates, unequal),
                    RACE.maxRepeats()));
            assertTrue(p.over());
            if (p.decisions().stream().anyMatch(d -> d.action() == RaceDecision.Action.ELIMINATED)) {
                withElimination++;
            }
        }
        return withElimination / (double) races;
    }

    @Test
    void equalCandidatesAreEliminatedInAtMostAboutAlphaOfRaces() {
        int races = 2000;
        // alpha 0.05 plus three standard errors of the simulated rate
        double limit = 0.05 + 3 * Math.sqrt(0.05 * 0.95 / races);
        for (int candidates : new int[]{2, 4, 8, 16}) {
            for (double seedEffect : new double[]{0.0, 0.02}) {
                for (boolean unequal : new boolean[]{false, true}) {
                    double rate = eliminationRate(candidates, seedEffect, unequal, races, 17L * candidates);
                    System.out.printf("equal candidates: %d, seed effect %.2f, %s noise: eliminated in %.4f%n",
                            candidates, seedEffect, unequal ? "unequal" : "equal", rate);
                    assertTrue(rate <= limit, candidates + " equal candidates, seed effect " + seedEffect
                            + (unequal ? ", unequal noise" : "") + ": eliminated something in " + rate + " of races");
                }
            }
        }
    }

    @Test
    void clearlyDifferentCandidatesLeaveTheBestAndSaveRuns() {
        Random rng = new Random(5);
        double[] means = {0.70, 0.80, 0.60, 0.75, 0.10, 0.78};
        RacePolicy policy = new RacePolicy(RACE, means.length);
        int runs = 0;
        for (int i = 0; i < 200; i++) {
            double[][] scores = draw(rng, means, 0.01, 0.005, RACE.maxRepeats());
            RacePolicy.Progress p = policy.decide(scores);
            assertTrue(p.over());
            assertEquals(1, p.winner(), "the best candidate wins");
            assertTrue(p.alive()[1]);
            assertFalse(p.alive()[4], "a candidate that cannot learn is eliminated");
            runs += p.committed();
        }
        double fraction = runs / (200.0 * means.length * RACE.maxRepeats());
        assertTrue(fraction < 0.5, "runs used: " + fraction + " of the exhaustive grid x max seeds");
    }

    @Test
    void sixteenCandidatesOfUnequalNoiseLeaveTheBest() {
        Random rng = new Random(21);
        double[] means = new double[16];
        for (int c = 0; c < 16; c++) {
            means[c] = 0.60 + 0.01 * c;
        }
        means[7] = 0.90;
        RacePolicy policy = new RacePolicy(RACE, means.length);
        int runs = 0;
        for (int i = 0; i < 100; i++) {
            RacePolicy.Progress p = policy.decide(draw(rng, means, 0.02, noises(16, true), RACE.maxRepeats()));
            assertEquals(7, p.winner(), "the best candidate wins");
            runs += p.committed();
        }
        double fraction = runs / (100.0 * means.length * RACE.maxRepeats());
        assertTrue(fraction < 0.5, "runs used: " + fraction + " of the exhaustive grid x max seeds");
    }

    @Test
    void decisionsUseOnlyTheFirstKSeedsWhateverElseHasFinished() {
        Random rng = new Random(9);
        double[] means = {0.80, 0.79, 0.50};
        RacePolicy policy = new RacePolicy(RACE, means.length);
        double[][] all = draw(rng, means, 0.0, 0.01, RACE.maxRepeats());
        RacePolicy.Progress full = policy.decide(all);
        // The same scores with extra later seeds of eliminated or spare candidates missing: same decisions.
        double[][] partial = new double[means.length][];
        for (int c = 0; c < means.length; c++) {
            partial[c] = all[c].clone();
        }
        int lastLook = full.decisions().stream().filter(d -> d.candidate() == 2).findFirst().orElseThrow().seeds();
        for (int r = lastLook; r < RACE.maxRepeats(); r++) {
            partial[2][r] = RacePolicy.MISSING;
        }
        assertEquals(full.decisions(), policy.decide(partial).decisions());
    }

    @Test
    void missingRunsAreWantedBeforeSpareOnesAndBudgetEndsTheRace() {
        RacePolicy policy = new RacePolicy(new SweepDefinition.Race(2, 5, 0.05, 8), 3);
        double[][] scores = new double[3][5];
        for (double[] row : scores) {
            Arrays.fill(row, RacePolicy.MISSING);
        }
        RacePolicy.Progress start = policy.decide(scores);
        List<RacePolicy.Slot> wanted = policy.wanted(start, scores);
        assertEquals(new RacePolicy.Slot(0, 0), wanted.get(0));
        assertEquals(6, wanted.size(), "2 seeds x 3 candidates; the third seed would break the budget of 8");
        for (int c = 0; c < 3; c++) {
            scores[c][0] = 0.8 + c * 1e-3;
            scores[c][1] = 0.8 - c * 1e-3;
        }
        RacePolicy.Progress end = policy.decide(scores);
        assertEquals(RacePolicy.End.BUDGET, end.end());
        assertTrue(policy.wanted(end, scores).isEmpty());
    }

    @Test
    void aFailedRunTakesItsCandidateOutAtTheNextLook() {
        RacePolicy policy = new RacePolicy(RACE, 2);
        double[][] scores = {{0.8, 0.81, 0.8}, {0.8, RacePolicy.FAILED, 0.8}};
        scores = Arrays.stream(scores).map(row -> Arrays.copyOf(row, 10)).toArray(double[][]::new);
        for (double[] row : scores) {
            Arrays.fill(row, 3, 10, RacePolicy.MISSING);
        }
        RacePolicy.Progress p = policy.decide(scores);
        assertEquals(RacePolicy.End.ONE_LEFT, p.end());
        assertEquals(RaceDecision.Action.FAILED, p.decisions().get(0).action());
        assertEquals(0, p.winner());
    }

    @Test
    void runsStillNeededAreAnUpperBoundAtEveryStepOfARaceOnTwoSlots() {
        Random rng = new Random(11);
        for (SweepDefinition.Race race : List.of(RACE, new SweepDefinition.Race(2, 6, 0.05, 20))) {
            for (int i = 0; i < 50; i++) {
                double[] means = {0.80, 0.80, 0.79, 0.75, 0.70};
                double[][] all = draw(rng, means, 0.01, 0.01, race.maxRepeats());
                RacePolicy policy = new RacePolicy(race, means.length);
                double[][] known = new double[means.length][race.maxRepeats()];
                for (double[] row : known) {
                    Arrays.fill(row, RacePolicy.MISSING);
                }
                RacePolicy.Progress progress = policy.decide(known);
                assertEquals(race.budget() > 0 ? race.budget() : means.length * race.maxRepeats(),
                        policy.unfinishedAtMost(progress, known), "before the first run");
                List<int[]> bounds = new java.util.ArrayList<>(); // {bound, runs finished so far, eliminated in flight}
                java.util.Deque<RacePolicy.Slot> inFlight = new java.util.ArrayDeque<>();
                int finished = 0;
                while (!progress.over()) {
                    for (RacePolicy.Slot slot : policy.wanted(progress, known)) {
                        if (inFlight.size() < 2 && !inFlight.contains(slot)) {
                            inFlight.add(slot);
                        }
                    }
                    RacePolicy.Slot done = rng.nextBoolean() || inFlight.size() == 1 ? inFlight.poll() : inFlight.pollLast();
                    known[done.candidate()][done.repeat()] = all[done.candidate()][done.repeat()];
                    finished++;
                    progress = policy.decide(known);
                    boolean[] alive = progress.alive();
                    int spare = (int) inFlight.stream().filter(s -> !alive[s.candidate()]).count();
                    bounds.add(new int[] {policy.unfinishedAtMost(progress, known), finished, spare});
                }
                int total = finished + inFlight.size(); // the runs still in flight finish too, unneeded
                // Up to the decisive run: once over, the bound is 0 and whatever is in flight just finishes.
                for (int[] b : bounds.subList(0, bounds.size() - 1)) {
                    assertTrue(b[0] + b[2] >= total - b[1], "after " + b[1] + " runs the bound " + b[0]
                            + " (+" + b[2] + " unneeded in flight) is below the " + (total - b[1]) + " still to finish");
                }
                assertEquals(0, policy.unfinishedAtMost(progress, known), "once the race is over");
            }
        }
    }
}
