package io.sparksweep.search;

import io.sparksweep.engine.RunAssignment;
import io.sparksweep.run.RunSeeds;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.store.RaceRecord;
import io.sparksweep.store.RunScore;
import io.sparksweep.store.SweepRanking;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.stats.RankingChoice;
import io.sparksweep.stats.Selection;
import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunStatus;
import io.sparksweep.space.Trial;
import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.testing.TestRuns;
import io.sparksweep.train.TrainingPlan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The race as the engine drives it, with executors simulated: runs finish in a random order on 1..8 slots,
 * and the decisions must not care. No training: a run's score is a fixed function of (trial, seed).
 */
class RaceSourceTest {

    private static final SweepDefinition.Race RACE = new SweepDefinition.Race(2, 8, 0.05, 0);
    private static final double[] MEANS = {0.80, 0.79, 0.60, 0.795, 0.10, 0.70};

    private static List<Trial> trials() {
        List<Trial> trials = new ArrayList<>();
        for (int c = 0; c < MEANS.length; c++) {
            trials.add(new Trial("t" + c, "lenet5", Map.of("learningRate", 0.001 * (c + 1)), "{}",
                    new TrainingPlan(64, true, 3, 2)));
        }
        return trials;
    }

    private static RunRecord result(RunAssignment run) {
        int c = Integer.parseInt(run.trial().trialId().substring(1));
        double noise = new Random(run.seed() * 31 + c).nextGaussian() * 0.01;
        // The test score says the opposite of validation: the race must choose on validation.
        return TestRuns.run(run.trial().trialId(), run.seed()).repeat(run.repeat()).accuracy(0.9 - MEANS[c])
                .validationAccuracy(MEANS[c] + noise).build();
    }

    /** Runs the race to its end (or until {@code stopAfter} runs finished) on {@code slots} simulated executors. */
    private static int drive(RaceSource race, int slots, Random order, int stopAfter, List<RunRecord> done) {
        List<RunAssignment> running = new ArrayList<>();
        int finished = 0;
        while (finished < stopAfter) {
            while (running.size() < slots && !race.exhausted()) {
                Optional<RunAssignment> next = race.next();
                if (next.isEmpty()) {
                    break;
                }
                running.add(next.get());
            }
            if (running.isEmpty()) {
                break;
            }
            RunRecord run = result(running.remove(order.nextInt(running.size())));
            done.add(run);
            race.finished(run);
            finished++;
        }
        return finished;
    }

    private static RaceSource race(List<RunScore> known) {
        return new RaceSource("demo", trials(), 42, RACE, RankMetric.ACCURACY, Selection.VALIDATION, 0, known);
    }

    @Test
    void sameDecisionsOnOneOrEightExecutorsInAnyOrder() {
        RaceSource serial = race(List.of());
        drive(serial, 1, new Random(1), Integer.MAX_VALUE, new ArrayList<>());
        assertTrue(serial.exhausted());
        List<RaceRecord> expected = serial.decisions();
        assertEquals("t0", serial.winner().orElseThrow().trialId());
        assertTrue(expected.stream().anyMatch(d -> d.trialId().equals("t4") && d.action() == RaceRecord.Action.ELIMINATED),
                "the candidate that cannot learn is eliminated: " + expected);
        for (int slots : new int[]{2, 3, 8}) {
            for (long seed = 0; seed < 5; seed++) {
                RaceSource parallel = race(List.of());
                List<RunRecord> done = new ArrayList<>();
                drive(parallel, slots, new Random(seed), Integer.MAX_VALUE, done);
                assertEquals(expected, parallel.decisions(), slots + " slots, order " + seed);
                Set<String> keys = new HashSet<>();
                done.forEach(run -> assertTrue(keys.add(run.key().toString()), "no run twice: " + run.key()));
                assertTrue(done.size() <= serial.progress().committed() + MEANS.length,
                        "spare runs stay within one look of the decided ones: " + done.size());
            }
        }
    }

    @Test
    void anInterruptedRaceResumesFromItsStoredRunsToTheSameOutcome() {
        RaceSource whole = race(List.of());
        List<RunRecord> all = new ArrayList<>();
        drive(whole, 2, new Random(3), Integer.MAX_VALUE, all);

        RaceSource first = race(List.of());
        List<RunRecord> before = new ArrayList<>();
        drive(first, 2, new Random(4), 15, before);
        assertFalse(first.exhausted());
        RaceSource resumed = race(before.stream().map(RunScore::of).toList());
        List<RunRecord> after = new ArrayList<>();
        drive(resumed, 2, new Random(5), Integer.MAX_VALUE, after);
        assertEquals(whole.decisions(), resumed.decisions());
        Set<String> keys = new HashSet<>();
        before.forEach(run -> keys.add(run.key().toString()));
        after.forEach(run -> assertTrue(keys.add(run.key().toString()), "resume retrains nothing: " + run.key()));
    }

    /**
     * Two candidates with the same validation scores on every seed: the policy keeps both to the end and its own
     * leader among equals is the first in trial order ("tb"); the race's winner is the sweep ranking's leader, which
     * breaks ties by trial id ("ta"), in the race table, the closing line and {@link RaceSource#winner()} alike.
     */
    @Test
    void theWinnerIsTheLeaderOfTheSweepsRankingOfTheRunsTrained() {
        Trial first = trials().get(0);
        Trial second = trials().get(1);
        List<Trial> trials = List.of(new Trial("tb", first.model(), first.hyperparameters(), first.networkJson(),
                first.plan()), new Trial("ta", second.model(), second.hyperparameters(), second.networkJson(),
                second.plan()));
        SweepDefinition.Race race = new SweepDefinition.Race(2, 3, 0.05, 0);
        List<RunScore> known = new ArrayList<>();
        double[] validation = {0.80, 0.78, 0.81};
        for (int r = 0; r < 3; r++) {
            long seed = RunSeeds.forRepeat(42, r);
            known.add(new RunScore("tb", seed, RunStatus.OK, 0.70, 0.9, validation[r], 0.5));
            known.add(new RunScore("ta", seed, RunStatus.OK, 0.75, 0.8, validation[r], 0.5));
        }
        RaceSource source = new RaceSource("tie", trials, 42, race, RankMetric.ACCURACY, Selection.VALIDATION, 0.005, known);
        assertTrue(source.exhausted());
        assertEquals(0, source.progress().leader(), "the policy's own leader among equals: the first in trial order");
        Map<String, Map<Long, Double>> values = Map.of(
                "tb", Map.of(known.get(0).seed(), 0.80, known.get(2).seed(), 0.78, known.get(4).seed(), 0.81),
                "ta", Map.of(known.get(1).seed(), 0.80, known.get(3).seed(), 0.78, known.get(5).seed(), 0.81));
        String leader = SweepRanking.rank(values, RankingChoice.of(RankMetric.ACCURACY, Selection.VALIDATION))
                .leader().orElseThrow().trialId();
        assertEquals("ta", leader, "the sweep's ranking breaks the tie by trial id");
        assertEquals(leader, source.winner().orElseThrow().trialId());
        RaceRecord last = source.decisions().get(source.decisions().size() - 1);
        assertEquals(RaceRecord.Action.WINNER, last.action());
        assertEquals(leader, last.trialId());
        assertEquals(0.7967, last.mean(), 1e-4, "the ranking's mean of the winner's ok runs");
        assertTrue(source.summary().orElseThrow().contains("; winner ta (the leader of the sweep's ranking"),
                source.summary().orElseThrow());
    }

    @Test
    void aFailedRunEliminatesItsCandidateAndRunsOfOtherTrialsAreIgnored() {
        List<RunScore> known = new ArrayList<>();
        known.add(new RunScore("not-in-this-race", RunSeeds.forRepeat(42, 0), RunStatus.OK, 0.99, 0.1));
        RaceSource race = race(known);
        RunAssignment first = race.next().orElseThrow();
        race.finished(TestRuns.run(first.trial().trialId(), first.seed()).failed("out of memory").build());
        drive(race, 2, new Random(6), Integer.MAX_VALUE, new ArrayList<>());
        assertTrue(race.decisions().stream().anyMatch(d -> d.trialId().equals(first.trial().trialId())
                && d.action() == RaceRecord.Action.FAILED), race.decisions().toString());
    }
}
