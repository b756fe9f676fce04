package io.sparksweep.search;

import io.sparksweep.decide.HalvingPolicy;
import io.sparksweep.decide.RacePolicy;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.stats.Ranking;
import io.sparksweep.stats.RankingChoice;
import io.sparksweep.stats.Selection;
import io.sparksweep.store.StoredRuns.StoredRun;
import io.sparksweep.store.SweepRanking;
import io.sparksweep.spec.SweepDefinition;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a race or successive halving would have decided on the runs of a stored sweep: the same pure policies a
 * sweep runs with, fed the stored scores of repeat r of every trial as seed r. A race's runs are those of an
 * exhaustive sweep with the same seeds, so on such a sweep the replay is exactly what the race would decide, winner
 * included (the sweep's ranking of the runs the race would have trained). No Spark here.
 */
public final class PolicyReplay {

    private PolicyReplay() {
    }

    /**
     * A replayed race.
     *
     * @param scores     scores[trial][repeat], higher is better (a loss negated), as the policy saw them
     * @param fullMeans  each trial's mean over all its stored seeds up to the race's max (its own units)
     * @param leader     the trial of best full mean: the exhaustive sweep's choice on the same set; -1 if none
     * @param exhaustive runs of the exhaustive grid: trials x max seeds
     * @param verdict    once the race is over, the sweep's ranking ({@link SweepRanking#rank}) of the runs the race
     *                   would have trained (each candidate's seeds up to the look it left at, or the last look):
     *                   its leader is the race's winner, as a race run for real names it; empty while undecided
     */
    public record Race(List<String> trials, RacePolicy policy, double[][] scores, RacePolicy.Progress progress,
                       double[] fullMeans, int leader, int exhaustive, Optional<Ranking> verdict) {

        /** The race's winner: the verdict's leader, as an index into {@link #trials}; -1 while undecided. */
        public int winner() {
            return verdict.flatMap(Ranking::leader).map(e -> trials.indexOf(e.trialId())).orElse(-1);
        }
    }

    /**
     * A replayed halving.
     *
     * @param runEpochs  epochs trained by candidate-seeds up to the end of the halving
     * @param exhaustive epochs of every trial x seed trained to the last rung
     * @param verdict    once decided: the sweep's ranking of the last rung's replayed validation accuracies, whose
     *                   leader is the halving's winner, as a halving run for real names it; empty while undecided
     */
    public record Halving(List<String> trials, HalvingPolicy.Progress progress, int runEpochs, int exhaustive,
                          Optional<Ranking> verdict) {

        /** The halving's winner: the verdict's leader, as an index into {@link #trials}; -1 if none. */
        public int winner() {
            return verdict.flatMap(Ranking::leader).map(e -> trials.indexOf(e.trialId())).orElse(-1);
        }
    }

    /** Trials in trial-id order: the order of the stored trials table is not kept by Parquet. */
    public static List<String> trials(List<StoredRun> runs) {
        return runs.stream().map(r -> r.score().trialId()).distinct().sorted().toList();
    }

    /** @param resolution smallest step of the metric on the set (see {@link #resolution}); 0 when continuous */
    public static Race race(List<StoredRun> runs, SweepDefinition.Race settings, Selection set,
                            RankMetric metric, double resolution) {
        boolean higherIsBetter = metric.higherIsBetter();
        List<String> trials = trials(runs);
        double[][] scores = new double[trials.size()][settings.maxRepeats()];
        for (double[] row : scores) {
            Arrays.fill(row, RacePolicy.MISSING);
        }
        for (StoredRun run : runs) {
            int r = run.repeat();
            if (r >= 0 && r < settings.maxRepeats()) {
                double value = run.score().metric(set, metric);
                scores[trials.indexOf(run.score().trialId())][r] = run.score().ok() && Double.isFinite(value)
                        ? (higherIsBetter ? value : -value) : RacePolicy.FAILED;
            }
        }
        RacePolicy policy = new RacePolicy(settings, trials.size(), resolution);
        RacePolicy.Progress progress = policy.decide(scores);
        Optional<Ranking> verdict = Optional.empty();
        if (progress.over()) {
            int[] raced = RaceSource.racedSeeds(progress);
            Map<String, SortedMap<Long, Double>> used = new TreeMap<>();
            for (StoredRun run : runs) {
                int c = trials.indexOf(run.score().trialId());
                double value = run.score().metric(set, metric);
                if (run.repeat() >= 0 && run.repeat() < raced[c] && run.score().ok() && Double.isFinite(value)) {
                    used.computeIfAbsent(trials.get(c), id -> new TreeMap<>()).put(run.score().seed(), value);
                }
            }
            verdict = Optional.of(SweepRanking.rank(used, RankingChoice.of(metric, set)));
        }
        double[] fullMeans = new double[trials.size()];
        int leader = -1;
        for (int c = 0; c < trials.size(); c++) {
            fullMeans[c] = Arrays.stream(scores[c]).filter(Double::isFinite).average().orElse(Double.NaN);
            if (Double.isFinite(fullMeans[c]) && (leader < 0 || fullMeans[c] > fullMeans[leader])) {
                leader = c;
            }
            fullMeans[c] = higherIsBetter ? fullMeans[c] : -fullMeans[c];
        }
        return new Race(trials, policy, scores, progress, fullMeans, leader, trials.size() * settings.maxRepeats(),
                verdict);
    }

    /**
     * Halving on the validation accuracy each run had at the end of each rung: that of its best epoch (lowest
     * validation loss) among the epochs up to the rung, as a run trained to the rung keeps. A run that stopped
     * early keeps its best epoch for later rungs; a failed or diverged run fails the rung.
     */
    public static Halving halving(List<StoredRun> runs, SweepDefinition.Halving settings, int seeds) {
        List<String> trials = trials(runs);
        List<Integer> rungs = settings.rungs();
        double[][][] scores = new double[trials.size()][rungs.size()][seeds];
        for (double[][] candidate : scores) {
            for (double[] rung : candidate) {
                Arrays.fill(rung, RacePolicy.MISSING);
            }
        }
        for (StoredRun run : runs) {
            int r = run.repeat();
            if (r < 0 || r >= seeds) {
                continue;
            }
            int c = trials.indexOf(run.score().trialId());
            for (int k = 0; k < rungs.size(); k++) {
                scores[c][k][r] = run.score().ok() ? atRung(run, rungs.get(k)) : RacePolicy.FAILED;
            }
        }
        HalvingPolicy policy = new HalvingPolicy(settings, trials.size(), seeds);
        HalvingPolicy.Progress progress = policy.decide(scores);
        Optional<Ranking> verdict = Optional.empty();
        if (progress.over()) {
            Map<String, SortedMap<Long, Double>> last = new TreeMap<>();
            for (StoredRun run : runs) {
                int c = trials.indexOf(run.score().trialId());
                int r = run.repeat();
                if (progress.members().contains(c) && r >= 0 && r < seeds) {
                    SortedMap<Long, Double> bySeed = last.computeIfAbsent(trials.get(c), id -> new TreeMap<>());
                    double value = scores[c][progress.rung()][r];
                    if (Double.isFinite(value)) {
                        bySeed.put(run.score().seed(), value);
                    }
                }
            }
            verdict = Optional.of(SweepRanking.rank(last, RankingChoice.of(RankMetric.ACCURACY, Selection.VALIDATION)));
        }
        return new Halving(trials, progress, policy.runEpochs(progress),
                trials.size() * seeds * rungs.get(rungs.size() - 1), verdict);
    }

    private static double atRung(StoredRun run, int epochs) {
        int best = -1;
        for (int e = 0; e < Math.min(epochs, run.valLoss().length); e++) {
            if (Double.isFinite(run.valLoss()[e]) && (best < 0 || run.valLoss()[e] < run.valLoss()[best])) {
                best = e;
            }
        }
        return best < 0 || !Double.isFinite(run.valAccuracy()[best]) ? RacePolicy.FAILED : run.valAccuracy()[best];
    }

    /**
     * The step of accuracies on n items, 1/n for the least n up to 100,000 that makes every given score a whole
     * number of items; 0 when none does (continuous scores). A common factor of all the counts makes the step
     * larger than one item, which only makes the tests more cautious.
     */
    public static double resolution(double[] scores) {
        double[] finite = Arrays.stream(scores).filter(Double::isFinite).toArray();
        if (finite.length == 0) {
            return 0;
        }
        for (int n = 1; n <= 100_000; n++) {
            boolean whole = true;
            for (double s : finite) {
                double items = s * n;
                if (Math.abs(items - Math.rint(items)) > 1e-6) {
                    whole = false;
                    break;
                }
            }
            if (whole) {
                return 1.0 / n;
            }
        }
        return 0;
    }
}
