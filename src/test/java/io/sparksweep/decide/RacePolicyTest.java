package io.sparksweep.decide;

import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.testing.Slow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The race's decisions by simulation: scores drawn from known distributions, no training. The error checked is
 * the one the race promises to hold: some candidate of the true best mean (any of them when several tie) is
 * eliminated, in at most alpha plus three standard errors of the simulated races.
 */
@Slow
class RacePolicyTest {

    private static final SweepDefinition.Race RACE = new SweepDefinition.Race(2, 10, 0.05, 0);
    private static final int RACES = 2000;
    private static final double LIMIT = 0.05 + 3 * Math.sqrt(0.05 * 0.95 / RACES);

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

    /** Noise levels spread geometrically from {@code low} to {@code spread} times that. */
    private static double[] spreadNoise(int candidates, double low, double spread) {
        double[] noises = new double[candidates];
        for (int c = 0; c < candidates; c++) {
            noises[c] = low * Math.pow(spread, c / (double) (candidates - 1));
        }
        return noises;
    }

    private static boolean[] best(double[] means) {
        double top = Arrays.stream(means).max().orElseThrow();
        boolean[] best = new boolean[means.length];
        for (int c = 0; c < means.length; c++) {
            best[c] = means[c] == top;
        }
        return best;
    }

    /** Share of simulated races in which some candidate marked best is eliminated. */
    private static double bestEliminated(RacePolicy policy, boolean[] best, Function<Random, double[][]> scores,
                                         long seed) {
        // The draws stay sequential (the same races as one loop), the decisions use every core: the test JVM
        // runs one test at a time, and a simulation would leave the other cores idle.
        Random rng = new Random(seed);
        List<double[][]> races = new ArrayList<>(RACES);
        for (int i = 0; i < RACES; i++) {
            races.add(scores.apply(rng));
        }
        long errors = races.parallelStream().map(policy::decide).filter(p -> {
            assertTrue(p.over());
            return p.decisions().stream().anyMatch(d -> d.action() == RaceDecision.Action.ELIMINATED && best[d.candidate()]);
        }).count();
        return errors / (double) RACES;
    }

    private static void assertHeld(String what, double rate) {
        System.out.printf("%s: a best candidate eliminated in %.4f of %d races%n", what, rate, RACES);
        assertTrue(rate <= LIMIT, what + ": a best candidate eliminated in " + rate + " of races");
    }

    @Test
    void equalCandidatesAreEliminatedInAtMostAlphaOfRacesWithEqualOrHundredfoldNoise() {
        for (int candidates : new int[]{2, 4, 8, 16}) {
            double[] means = new double[candidates];
            Arrays.fill(means, 0.8);
            RacePolicy policy = new RacePolicy(RACE, candidates);
            boolean[] all = best(means);
            // A seed effect shared by all candidates cancels in the paired differences.
            assertHeld(candidates + " equal, equal noise", bestEliminated(policy, all,
                    rng -> draw(rng, means, 0.02, 0.01, RACE.maxRepeats()), 17L * candidates));
            double[] noises = spreadNoise(candidates, 0.0005, 100);
            assertHeld(candidates + " equal, noise 100x apart", bestEliminated(policy, all,
                    rng -> draw(rng, means, 0.02, noises, RACE.maxRepeats()), 19L * candidates));
        }
    }

    @Test
    void equalLeadersAmongWellSeparatedWorseCandidatesAreKept() {
        double[] means = {0.80, 0.80, 0.75, 0.72, 0.70, 0.66, 0.60, 0.40};
        RacePolicy policy = new RacePolicy(RACE, means.length);
        assertHeld("two equal leaders among six separated", bestEliminated(policy, best(means),
                rng -> draw(rng, means, 0.0, 0.01, RACE.maxRepeats()), 3));
        double[] close = {0.800, 0.797, 0.75, 0.72, 0.70, 0.66, 0.60, 0.40};
        assertHeld("best at .800 against .797 among six separated", bestEliminated(policy, best(close),
                rng -> draw(rng, close, 0.0, 0.01, RACE.maxRepeats()), 4));
    }

    @Test
    void severalTiedLeadersAndAGradientOfNearTiesKeepTheLevel() {
        double[] four = {0.80, 0.80, 0.80, 0.80, 0.70, 0.65, 0.60, 0.30};
        assertHeld("four equal leaders among four separated", bestEliminated(new RacePolicy(RACE, four.length),
                best(four), rng -> draw(rng, four, 0.0, spreadNoise(four.length, 0.002, 10), RACE.maxRepeats()), 13));
        double[] gradient = new double[16];
        for (int c = 0; c < gradient.length; c++) {
            gradient[c] = 0.80 - 0.003 * c;
        }
        assertHeld("16 in steps of 0.003 below the best", bestEliminated(new RacePolicy(RACE, gradient.length),
                best(gradient), rng -> draw(rng, gradient, 0.01, 0.01, RACE.maxRepeats()), 14));
    }

    @Test
    void aNoisyBestAmongSteadyOnesIsKept() {
        double[] means = {0.80, 0.795, 0.794, 0.793, 0.792, 0.791, 0.7905, 0.79};
        double[] noises = {0.05, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001};
        RacePolicy policy = new RacePolicy(RACE, means.length);
        assertHeld("noisy best (sd .05) among seven steady", bestEliminated(policy, best(means),
                rng -> draw(rng, means, 0.0, noises, RACE.maxRepeats()), 5));
    }

    @Test
    void aSteadyBestIsKeptAgainstOneThatCollapsesInAFifthOfSeedsAndUsuallyWins() {
        // candidate 0: 0.86 but 0.40 in 20 % of seeds (mean 0.768); candidate 1: a steady 0.85; and two worse
        double[] means = {0.768, 0.85, 0.80, 0.70};
        RacePolicy policy = new RacePolicy(RACE, means.length);
        Function<Random, double[][]> collapsing = rng -> {
            double[][] s = draw(rng, new double[]{0.86, 0.85, 0.80, 0.70}, 0.0, 0.01, RACE.maxRepeats());
            for (int r = 0; r < RACE.maxRepeats(); r++) {
                if (rng.nextDouble() < 0.2) {
                    s[0][r] = 0.40 + 0.01 * rng.nextGaussian();
                }
            }
            return s;
        };
        assertHeld("steady .85 against .86 collapsing to .40 in 20 % of seeds", bestEliminated(policy, best(means),
                collapsing, 6));
        Random rng = new Random(7);
        int steadyWins = 0;
        for (int i = 0; i < RACES; i++) {
            steadyWins += policy.decide(collapsing.apply(rng)).leader() == 1 ? 1 : 0;
        }
        System.out.printf("steady .85 wins %.4f of races%n", steadyWins / (double) RACES);
        // It loses only when the collapsing one shows no collapse in its seeds: 0.8^10 = 11 % of races at most.
        assertTrue(steadyWins / (double) RACES >= 0.85, "the steady best wins in " + steadyWins + " of " + RACES);
    }

    @Test
    void whenMostCandidatesFailAtTheFirstSeedTheLevelIsTheOneOfThoseLeft() {
        double[] means = new double[16];
        Arrays.fill(means, 0.8);
        RacePolicy policy = new RacePolicy(RACE, means.length);
        assertHeld("16 equal, 12 failing at seed 1", bestEliminated(policy, best(means), rng -> {
            double[][] s = draw(rng, means, 0.0, spreadNoise(16, 0.0005, 100), RACE.maxRepeats());
            for (int c = 4; c < 16; c++) {
                s[c][0] = RacePolicy.FAILED;
            }
            return s;
        }, 8));
        // The step-down counts the 4 left, not 16: with a clearly worse one among them it still goes out.
        double[][] scores = draw(new Random(9), new double[]{0.8, 0.8, 0.8, 0.2, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8,
                0.8, 0.8, 0.8, 0.8, 0.8}, 0.0, 0.01, RACE.maxRepeats());
        for (int c = 4; c < 16; c++) {
            scores[c][0] = RacePolicy.FAILED;
        }
        assertFalse(policy.decide(scores).alive()[3]);
    }

    @Test
    void accuraciesOnAThousandTestItemsKeepTheirLevel() {
        Function<double[], Function<Random, double[][]>> discrete = means -> rng -> {
            double[][] s = draw(rng, means, 0.0, 0.003, RACE.maxRepeats());
            for (double[] row : s) {
                for (int r = 0; r < row.length; r++) {
                    row[r] = Math.round(row[r] * 1000) / 1000.0;
                }
            }
            return s;
        };
        double[] equal = new double[8];
        Arrays.fill(equal, 0.8);
        RacePolicy policy = new RacePolicy(RACE, 8, 0.001);
        assertHeld("8 equal, accuracy on 1,000 items", bestEliminated(policy, best(equal), discrete.apply(equal), 10));
        double[] leaders = {0.80, 0.80, 0.75, 0.72, 0.70, 0.66, 0.60, 0.40};
        assertHeld("two equal leaders among six separated, accuracy on 1,000 items", bestEliminated(policy,
                best(leaders), discrete.apply(leaders), 11));
    }

    @Test
    void aCandidateThatCannotLearnIsOutByTheThirdSeed() {
        Random rng = new Random(12);
        RacePolicy two = new RacePolicy(RACE, 2);
        double[] means = {0.16, 0.77, 0.77, 0.77, 0.77, 0.77, 0.77, 0.77};
        RacePolicy eight = new RacePolicy(RACE, means.length);
        int outByThird = 0;
        int outByFourth = 0;
        for (int i = 0; i < RACES; i++) {
            RacePolicy.Progress pair = two.decide(draw(rng, new double[]{0.16, 0.77}, 0.0, 0.01, RACE.maxRepeats()));
            assertTrue(outAt(pair, 0) <= 3, "against one at 0.77: out by the third seed");
            int k = outAt(eight.decide(draw(rng, means, 0.0, 0.01, RACE.maxRepeats())), 0);
            outByThird += k <= 3 ? 1 : 0;
            outByFourth += k <= 4 ? 1 : 0;
        }
        System.out.printf("0.16 among seven at 0.77: out by the third seed in %.4f, by the fourth in %.4f%n",
                outByThird / (double) RACES, outByFourth / (double) RACES);
        assertTrue(outByThird >= 0.95 * RACES, "out by the third seed in " + outByThird + " of " + RACES);
        assertEquals(RACES, outByFourth, "out by the fourth seed in every race");
    }

    private static int outAt(RacePolicy.Progress progress, int candidate) {
        return progress.decisions().stream().filter(d -> d.candidate() == candidate
                && d.action() == RaceDecision.Action.ELIMINATED).mapToInt(RaceDecision::seeds).findFirst().orElse(99);
    }

    /** The input: c0 and c1 tied on two seeds among six well separated; nothing can go at 2 seeds. */
    @Test
    void tiedLeadersAmongSeparatedOnesAreNotEliminatedAtTwoSeeds() {
        double[] bases = {0.75, 0.72, 0.70, 0.66, 0.60, 0.40};
        double[][] scores = new double[8][10];
        for (double[] row : scores) {
            Arrays.fill(row, RacePolicy.MISSING);
        }
        scores[0][0] = 0.801;
        scores[0][1] = 0.806;
        scores[1][0] = 0.800;
        scores[1][1] = 0.805;
        for (int c = 2; c < 8; c++) {
            scores[c][0] = bases[c - 2];
            scores[c][1] = bases[c - 2] + 0.004;
        }
        for (RacePolicy policy : List.of(new RacePolicy(RACE, 8), new RacePolicy(RACE, 8, 0.001))) {
            RacePolicy.Progress p = policy.decide(scores);
            assertFalse(p.over());
            assertTrue(p.decisions().isEmpty(), "decisions at 2 seeds: " + p.decisions());
            assertTrue(p.alive()[1], "c1 stays");
        }
        // c0 against c1 alone: identical differences of 0.001 are one step of 0.001 at most
        double p = RaceStatistics.pairedP(scores[0], scores[1], 2, 0.001);
        assertTrue(p > 0.1, "c0 better than c1 on [.801, .806] vs [.800, .805]: p " + p);
        RacePolicy.Progress alone = new RacePolicy(RACE, 2, 0.001).decide(new double[][]{scores[0], scores[1]});
        assertTrue(alone.decisions().isEmpty() && !alone.over(), "raced alone, c0 and c1 both go on: " + alone);
    }

    /** scipy 1.17.1: {@code stats.t.sf(.002 / (.001 / sqrt(2)), 1)} = 0.10817344796939272. */
    @Test
    void identicalDifferencesGetOneStepOfNoiseNeverPZero() {
        double[] leader = {0.812, 0.790};
        double[] other = {0.810, 0.788};
        assertEquals(0.10817344796939272, RaceStatistics.pairedP(leader, other, 2, 0.001), 1e-9);
        // without a resolution, the exact sign test: 2 of 2 seeds, scipy binomtest(2, 2, alternative='greater') = 0.25
        assertEquals(0.25, RaceStatistics.pairedP(leader, other, 2, 0), 1e-12);
        assertEquals(1.0, RaceStatistics.pairedP(other, other, 2, 0.001), 0);
        assertEquals(1.0, RaceStatistics.pairedP(other, leader, 2, 0), 0);
    }

    /**
     * The race bench's measured input (docs/performance.md, "Racing and halving"): validation accuracies on 1,000
     * items of 8 learning rates x seeds 1-8. The documented outcome: 47 of 64 runs, lr 0.3 and 0.03 out at 3 seeds,
     * 0.1 and 1e-4 at 5, 3e-4 at 7; lr 0.001, 0.003, 0.01 in at the end, lr 0.001 leading.
     */
    @Test
    void theRaceBenchsScoresGiveTheDocumentedDecisions() {
        double[][] validation = {
                {0.643, 0.616, 0.624, 0.645, 0.628, 0.635, 0.607, 0.630},   // 1e-4
                {0.710, 0.731, 0.724, 0.738, 0.723, 0.717, 0.701, 0.717},   // 3e-4
                {0.727, 0.779, 0.781, 0.773, 0.779, 0.766, 0.767, 0.764},   // 1e-3
                {0.752, 0.720, 0.778, 0.753, 0.774, 0.779, 0.775, 0.784},   // 3e-3
                {0.717, 0.728, 0.698, 0.727, 0.733, 0.761, 0.729, 0.751},   // 0.01
                {0.560, 0.617, 0.621, 0.705, 0.639, 0.678, 0.671, 0.621},   // 0.03
                {0.566, 0.449, 0.522, 0.504, 0.480, 0.487, 0.316, 0.155},   // 0.1
                {0.100, 0.100, 0.120, 0.153, 0.100, 0.222, 0.100, 0.100}};  // 0.3
        RacePolicy.Progress p = new RacePolicy(new SweepDefinition.Race(2, 8, 0.05, 0), 8, 0.001).decide(validation);
        assertEquals(47, p.committed());
        assertEquals(RacePolicy.End.MAX_SEEDS, p.end());
        assertEquals(List.of(3, 5, 7), List.of(outAt(p, 7), outAt(p, 0), outAt(p, 1)));
        assertEquals(List.of(3, 5), List.of(outAt(p, 5), outAt(p, 6)));
        assertTrue(p.alive()[2] && p.alive()[3] && p.alive()[4]);
        assertEquals(2, p.leader());
    }

    /** Simes (1986): min over r of m p_(r) / r; tests not made count as p = 1 in a family of m. */
    @Test
    void simesCombinesACandidatesPairwiseEvidence() {
        assertEquals(0.03, RaceStatistics.simes(new double[]{0.04, 0.01, 0.02}, 3), 1e-12);
        assertEquals(0.05, RaceStatistics.simes(new double[]{0.04, 0.01, 0.02}, 5), 1e-12);
        assertEquals(0.07, RaceStatistics.simes(new double[]{0.07, 0.07, 0.07, 0.07, 0.07, 0.07, 0.07}, 7), 1e-12,
                "beaten equally by all seven others: no multiplicity to pay");
        assertEquals(0.49, RaceStatistics.simes(new double[]{0.07, 0.9, 0.95, 1, 1, 1, 1}, 7), 1e-12,
                "beaten by one only: Bonferroni's 7 x 0.07");
        assertEquals(1.0, RaceStatistics.simes(new double[]{}, 3), 0);
    }

    @Test
    void looksShareAlphaAndALookAtTwoSeedsSpendsNoneWhenLaterLooksExist() {
        RacePolicy tenSeeds = new RacePolicy(RACE, 8);
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10), tenSeeds.spendingLooks());
        assertEquals(0.05 / 8, tenSeeds.alphaAt(3), 1e-15);
        assertEquals(0.0, tenSeeds.alphaAt(2), 0);
        RacePolicy twoOnly = new RacePolicy(new SweepDefinition.Race(2, 2, 0.05, 0), 4);
        assertEquals(List.of(2), twoOnly.spendingLooks());
        assertEquals(0.05, twoOnly.alphaAt(2), 1e-15);
        RacePolicy fromThree = new RacePolicy(new SweepDefinition.Race(3, 5, 0.05, 0), 4);
        assertEquals(List.of(3, 4, 5), fromThree.spendingLooks());
    }

    /** scipy 1.17.1: {@code stats.ttest_rel(a, b, alternative='greater').pvalue} = 0.09406020218709382. */
    @Test
    void anOrdinaryPairedTTestMatchesScipy() {
        double[] a = {0.80, 0.82, 0.79, 0.81};
        double[] b = {0.78, 0.80, 0.80, 0.77};
        assertEquals(0.09406020218709382, RaceStatistics.pairedP(a, b, 4, 0), 1e-9);
        assertEquals(0.09406020218709382, RaceStatistics.pairedP(a, b, 4, 0.001), 1e-9);
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
            assertEquals(1, p.leader(), "the best candidate wins");
            assertTrue(p.alive()[1]);
            assertFalse(p.alive()[4], "a candidate that cannot learn is eliminated");
            runs += p.committed();
        }
        double fraction = runs / (200.0 * means.length * RACE.maxRepeats());
        System.out.printf("6 clearly different: %.3f of the runs%n", fraction);
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
            RacePolicy.Progress p = policy.decide(draw(rng, means, 0.02, spreadNoise(16, 0.0025, 16),
                    RACE.maxRepeats()));
            assertEquals(7, p.leader(), "the best candidate wins");
            runs += p.committed();
        }
        double fraction = runs / (100.0 * means.length * RACE.maxRepeats());
        System.out.printf("16 of unequal noise: %.3f of the runs%n", fraction);
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
        assertEquals(0, p.leader());
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
