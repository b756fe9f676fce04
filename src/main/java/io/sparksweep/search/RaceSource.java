package io.sparksweep.search;

import io.sparksweep.decide.RaceDecision;
import io.sparksweep.decide.RacePolicy;
import io.sparksweep.engine.RunAssignment;
import io.sparksweep.engine.RunSource;
import io.sparksweep.run.RunSeeds;
import io.sparksweep.store.DecisionTable;
import io.sparksweep.store.RaceRecord;
import io.sparksweep.store.RunScore;
import io.sparksweep.store.SweepRanking;
import io.sparksweep.store.Table;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.stats.Ranking;
import io.sparksweep.stats.RankingChoice;
import io.sparksweep.stats.Selection;
import io.sparksweep.run.RunRecord;
import io.sparksweep.space.Trial;
import io.sparksweep.spec.SweepDefinition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A race over seeds as a {@link RunSource}: offers the runs {@link RacePolicy} wants, as soon as a slot is
 * free, and replays the decisions from the known scores after every finished run. Runs that finished in
 * an earlier call of the same spec (resume) are known from the start, so the race continues where it was.
 * Repeat r of every candidate uses {@link RunSeeds#forRepeat}, like every other sweep. A run's score is the
 * sweep's metric on the selection set (validation at the run's best epoch by default), never the test set
 * unless asked: the test score of the winner is reported, not chosen on.
 *
 * <p>The policy only eliminates. Once the race is over its winner is the leader of the sweep's one ranking
 * ({@link SweepRanking#rank}) over the runs the race decided on (each candidate's first seeds up to the look it
 * left the race at, or the last look), on the same metric and set. {@code SweepRanking.of} ranks a raced sweep
 * over the same runs, so the race table's {@code winner} row, the race's closing line, {@code run}'s closing
 * lines and {@code best} name the same trial; spare runs trained while a look waited are left out of both, which
 * keeps the verdict, like the eliminations, a function of the first k seeds whatever the timing.
 */
public final class RaceSource implements RunSource {

    private final String sweep;
    private final List<Trial> trials;
    private final long[] seeds;
    private final RankMetric metric;
    private final Selection selection;
    private final RacePolicy policy;
    private final Map<String, Integer> candidateOf = new HashMap<>();
    private final Map<Long, Integer> repeatOf = new HashMap<>();
    private final double[][] scores;
    private final Set<RacePolicy.Slot> started = new HashSet<>();
    private RacePolicy.Progress progress;

    /**
     * @param selection  the set whose metric the race decides on
     * @param resolution smallest step of that metric (1/n for accuracy on n items; 0 for a loss)
     * @param known      runs already finished (ok or diverged) in this sweep folder; others are ignored
     */
    public RaceSource(String sweep, List<Trial> trials, long masterSeed, SweepDefinition.Race settings,
                      RankMetric metric, Selection selection, double resolution, Collection<RunScore> known) {
        this.sweep = sweep;
        this.trials = List.copyOf(trials);
        this.metric = metric;
        this.selection = selection;
        this.policy = new RacePolicy(settings, trials.size(), resolution);
        this.seeds = new long[settings.maxRepeats()];
        for (int r = 0; r < seeds.length; r++) {
            seeds[r] = RunSeeds.forRepeat(masterSeed, r);
            repeatOf.put(seeds[r], r);
        }
        for (int c = 0; c < trials.size(); c++) {
            candidateOf.put(trials.get(c).trialId(), c);
        }
        this.scores = new double[trials.size()][seeds.length];
        for (double[] row : scores) {
            Arrays.fill(row, RacePolicy.MISSING);
        }
        known.forEach(this::record);
        this.progress = policy.decide(scores);
    }

    @Override
    public Optional<RunAssignment> next() {
        for (RacePolicy.Slot slot : policy.wanted(progress, scores)) {
            if (started.add(slot)) {
                return Optional.of(new RunAssignment(sweep, trials.get(slot.candidate()), slot.repeat(),
                        seeds[slot.repeat()]));
            }
        }
        return Optional.empty();
    }

    @Override
    public void finished(RunRecord run) {
        record(RunScore.of(run));
        progress = policy.decide(scores);
    }

    @Override
    public boolean exhausted() {
        return progress.over();
    }

    @Override
    public OptionalInt unfinishedAtMost() {
        return OptionalInt.of(policy.unfinishedAtMost(progress, scores));
    }

    /** Where the race stands: decisions so far, who is still in, why it ended. */
    public RacePolicy.Progress progress() {
        return progress;
    }

    /**
     * The race's verdict once it is over: the sweep's ranking ({@link SweepRanking#rank}) of the ok runs the race
     * decided on, on the race's metric and selection set; empty while the race runs.
     */
    public Optional<Ranking> verdict() {
        if (!progress.over()) {
            return Optional.empty();
        }
        int[] raced = racedSeeds(progress);
        Map<String, SortedMap<Long, Double>> values = new TreeMap<>();
        for (int c = 0; c < trials.size(); c++) {
            SortedMap<Long, Double> bySeed = values.computeIfAbsent(trials.get(c).trialId(), id -> new TreeMap<>());
            for (int r = 0; r < raced[c]; r++) {
                if (Double.isFinite(scores[c][r])) {
                    bySeed.put(seeds[r], inOwnUnits(scores[c][r]));
                }
            }
        }
        return Optional.of(SweepRanking.rank(values, RankingChoice.of(metric, selection)));
    }

    /** Per candidate, the first seeds the race decided on: up to the look it left at, or the last look. */
    static int[] racedSeeds(RacePolicy.Progress progress) {
        int[] raced = new int[progress.alive().length];
        Arrays.fill(raced, progress.seeds());
        progress.decisions().forEach(d -> raced[d.candidate()] = d.seeds());
        return raced;
    }

    /** The winning trial once the race is over: the leader of {@link #verdict()}. */
    public Optional<Trial> winner() {
        return verdict().flatMap(Ranking::leader).map(leader -> trials.get(candidateOf.get(leader.trialId())));
    }

    @Override
    public List<DecisionTable> tables() {
        return List.of(new DecisionTable(Table.RACE, decisions().stream().map(d -> d.row(sweep)).toList()));
    }

    @Override
    public Optional<String> summary() {
        long eliminated = progress.decisions().size();
        return Optional.of(String.format("%s: race %s after %d of %d runs (%s): %d candidate(s) out, %d left%s", sweep,
                progress.over() ? "decided" : "not finished", progress.committed(), trials.size() * seeds.length,
                progress.end().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), eliminated,
                progress.aliveCount(), winner().map(t -> "; winner " + t.trialId()
                        + " (the leader of the sweep's ranking of the runs raced)").orElse("")));
    }

    /**
     * Every decision so far as rows of the {@code race} table, means in the sweep metric's own units; once the race
     * is over, last, the {@code winner} row: the ranking's leader with its mean over the ok runs raced.
     */
    public List<RaceRecord> decisions() {
        List<RaceRecord> rows = new ArrayList<>();
        for (RaceDecision d : progress.decisions()) {
            rows.add(new RaceRecord(d.seeds(), d.afterRuns(), trials.get(d.candidate()).trialId(),
                    action(d.action()),
                    d.against() < 0 ? null : trials.get(d.against()).trialId(), inOwnUnits(d.mean()),
                    inOwnUnits(d.againstMean()), d.pValue(), d.threshold()));
        }
        verdict().flatMap(Ranking::leader).ifPresent(leader -> rows.add(new RaceRecord(progress.seeds(),
                progress.committed(), leader.trialId(), RaceRecord.Action.WINNER,
                null, leader.stats().mean(), Double.NaN, Double.NaN, Double.NaN)));
        return rows;
    }

    /** The policy's decision as the race table names it (the store does not see the policy's types). */
    private static RaceRecord.Action action(RaceDecision.Action action) {
        return switch (action) {
            case ELIMINATED -> RaceRecord.Action.ELIMINATED;
            case FAILED -> RaceRecord.Action.FAILED;
            case WINNER -> RaceRecord.Action.WINNER;
        };
    }

    private void record(RunScore run) {
        Integer c = candidateOf.get(run.trialId());
        Integer r = repeatOf.get(run.seed());
        if (c == null || r == null) {
            return; // a run of an earlier spec in the same folder, or beyond this race's seeds
        }
        double value = run.metric(selection, metric);
        double score = metric.higherIsBetter() ? value : -value;
        scores[c][r] = run.ok() && Double.isFinite(score) ? score : RacePolicy.FAILED;
        started.remove(new RacePolicy.Slot(c, r));
    }

    private double inOwnUnits(double score) {
        return metric.higherIsBetter() ? score : -score;
    }
}
