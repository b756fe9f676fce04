package io.sparksweep.bench;

import io.sparksweep.decide.RaceDecision;
import io.sparksweep.decide.RacePolicy;
import io.sparksweep.run.RunSeeds;
import io.sparksweep.spec.SweepDefinition;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The race measurement of docs/performance.md: replays {@link RacePolicy} over the runs of an exhaustive sweep (every
 * trial x the same seeds), which is exactly what a race with those seeds would have decided, and compares its
 * winner with the exhaustive sweep's leader (Welch t-test over all seeds, as {@code best} does).
 *
 * <p>Usage: {@code RaceReplay <sweep folder> <min seeds> <max seeds> <alpha> <master seed>}
 */
public final class RaceReplay {

    private RaceReplay() {
    }

    public static void main(String[] args) {
        String folder = args[0];
        SweepDefinition.Race race = new SweepDefinition.Race(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Double.parseDouble(args[3]), 0);
        long masterSeed = Long.parseLong(args[4]);
        SparkSession spark = SparkSession.builder().master("local[1]").appName("race-replay")
                .config("spark.ui.enabled", "false").getOrCreate();
        List<Row> runs = spark.read().parquet(folder + "/runs").collectAsList();
        List<String> trials = runs.stream().map(r -> r.<String>getAs("trial_id")).distinct().sorted().toList();
        Map<Long, Integer> repeatOf = new HashMap<>();
        for (int r = 0; r < race.maxRepeats(); r++) {
            repeatOf.put(RunSeeds.forRepeat(masterSeed, r), r);
        }
        double[][] scores = new double[trials.size()][race.maxRepeats()];
        for (double[] row : scores) {
            Arrays.fill(row, RacePolicy.MISSING);
        }
        for (Row run : runs) {
            Integer r = repeatOf.get(run.<Long>getAs("seed"));
            if (r != null) {
                scores[trials.indexOf(run.<String>getAs("trial_id"))][r] = "ok".equals(run.getAs("status"))
                        ? run.<Double>getAs("test_accuracy") : RacePolicy.FAILED;
            }
        }
        RacePolicy policy = new RacePolicy(race, trials.size());
        RacePolicy.Progress progress = policy.decide(scores);
        System.out.printf("level per look %.4g (alpha %s over %d looks)%n", policy.alphaPerLook(), args[3],
                race.maxRepeats() - race.minRepeats() + 1);
        for (RaceDecision d : progress.decisions()) {
            System.out.printf("look %d seeds, after %d runs: %s %s (mean %.4f)%s%n", d.seeds(), d.afterRuns(),
                    d.action().name().toLowerCase(), trials.get(d.candidate()), d.mean(),
                    d.against() < 0 ? "" : String.format(" vs %s (%.4f): p %.2g <= %.2g", trials.get(d.against()),
                            d.againstMean(), d.pValue(), d.threshold()));
        }
        int leader = 0;
        double[] means = new double[trials.size()];
        for (int c = 0; c < trials.size(); c++) {
            means[c] = Arrays.stream(scores[c]).map(s -> s == RacePolicy.FAILED ? Double.NaN : s).average().orElse(Double.NaN);
            leader = means[c] > means[leader] ? c : leader;
        }
        int winner = progress.winner();
        double p = winner == leader ? 1.0 : new TTest().tTest(scores[winner], scores[leader]);
        int exhaustive = trials.size() * race.maxRepeats();
        System.out.printf("race: %s, winner %s; exhaustive leader %s (%d x %d seeds); %s; runs %d of %d = %.0f %%%n",
                progress.end(), trials.get(winner), trials.get(leader), trials.size(), race.maxRepeats(),
                winner == leader ? "same leader" : String.format("Welch p %.3f against the leader: %s", p,
                        p >= 0.05 ? "tied" : "NOT tied"), progress.committed(), exhaustive,
                100.0 * progress.committed() / exhaustive);
        spark.stop();
    }
}
