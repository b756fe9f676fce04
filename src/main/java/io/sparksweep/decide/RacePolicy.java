package io.sparksweep.decide;

import io.sparksweep.spec.SweepDefinition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The decisions of a race over seeds, as a pure function of the scores known so far: no Spark, no training,
 * no clock. The same scores give the same decisions whatever order they arrived in, which is what makes a
 * race give the same result on 1 or 8 executors and replay exactly on resume.
 *
 * <p>Looks happen at fixed seed counts k = min, min+1, ..., max. The look at k waits until every candidate
 * still in the race has its first k seeds, and uses exactly those, even when later seeds have finished.
 * Seeds are blocks (seed r of all candidates is the same seed), as in F-race: the m remaining candidates are
 * ranked within each seed, and a two-way analysis of variance of the ranks (candidates x seeds; Conover's F
 * form of the Friedman test) pools their residual over (m-1)(k-1) degrees of freedom, where one paired
 * t-test has only k-1. Its F test of "all alike" is a gate: only when it rejects is each other candidate
 * compared with the one of best mean rank (t-test on the difference of mean ranks, pooled standard error,
 * Holm over those m-1 comparisons), and the rejected ones are eliminated; the leader by mean score never is.
 * The gate is what makes the best, picked by the same data, safe to compare against: with all candidates
 * equal nothing can be eliminated unless the F test rejects, which the level below holds to alpha over the
 * whole race. Ranks rather than scores because noise levels differ between candidates, and a variance pooled
 * over raw scores then finds equal candidates different far more often than alpha.
 *
 * <p>Alpha over the looks, Pocock-style: one nominal level at every look, the level at which the F test of
 * equal candidates rejects at some look of the race in alpha of simulated races with noise levels up to 16
 * times apart ({@link RaceStatistics#pocockLevel}).
 *
 * <p>Scores are "higher is better"; {@link #MISSING} marks a run not finished yet, {@link #FAILED} a run
 * that failed or diverged (the candidate leaves the race at the next look).
 */
public final class RacePolicy {

    public static final double MISSING = Double.NaN;
    public static final double FAILED = Double.NEGATIVE_INFINITY;

    /** Why a race stopped. */
    public enum End { RUNNING, ONE_LEFT, MAX_SEEDS, BUDGET }

    /**
     * Where a race stands.
     *
     * @param seeds     the next look's seed count while running; the last look's once ended
     * @param committed runs needed for every look up to {@code seeds}
     * @param lastMeans each candidate's mean at its last look (NaN before the first), for ordering spare runs
     */
    public record Progress(List<RaceDecision> decisions, boolean[] alive, int seeds, int committed, End end,
                           int winner, double[] lastMeans) {

        public boolean over() {
            return end != End.RUNNING;
        }

        public int aliveCount() {
            int n = 0;
            for (boolean a : alive) {
                n += a ? 1 : 0;
            }
            return n;
        }
    }

    /** A (candidate, repeat) the race wants trained. */
    public record Slot(int candidate, int repeat) {
    }

    private final SweepDefinition.Race settings;
    private final int candidates;
    private final double alphaPerLook;
    private final int budget;

    public RacePolicy(SweepDefinition.Race settings, int candidates) {
        if (candidates < 1) {
            throw new IllegalArgumentException("a race needs at least one candidate");
        }
        this.settings = settings;
        this.candidates = candidates;
        this.alphaPerLook = RaceStatistics.pocockLevel(settings.alpha(), candidates, settings.minRepeats(),
                settings.maxRepeats());
        this.budget = settings.budget() > 0 ? settings.budget() : candidates * settings.maxRepeats();
        if (budget < candidates * settings.minRepeats()) {
            throw new IllegalArgumentException("a budget of " + budget + " runs cannot give " + candidates
                    + " candidates " + settings.minRepeats() + " seeds each");
        }
    }

    /** The nominal level of each look: its F test's and its Holm procedure's alpha. */
    public double alphaPerLook() {
        return alphaPerLook;
    }

    /**
     * Replays the race over the scores known so far.
     *
     * @param scores scores[candidate][repeat], {@link #MISSING} when not (yet) known; at least maxRepeats wide
     */
    public Progress decide(double[][] scores) {
        boolean[] alive = new boolean[candidates];
        Arrays.fill(alive, true);
        double[] lastMeans = new double[candidates];
        Arrays.fill(lastMeans, Double.NaN);
        List<RaceDecision> decisions = new ArrayList<>();
        int seeds = settings.minRepeats();
        int committed = candidates * seeds;
        while (true) {
            if (!complete(scores, alive, seeds)) {
                return new Progress(decisions, alive, seeds, committed, End.RUNNING, -1, lastMeans);
            }
            look(scores, alive, seeds, committed, decisions, lastMeans);
            int left = count(alive);
            End end = left <= 1 ? End.ONE_LEFT : seeds == settings.maxRepeats() ? End.MAX_SEEDS
                    : committed + left > budget ? End.BUDGET : End.RUNNING;
            if (end != End.RUNNING) {
                int winner = leader(alive, lastMeans);
                if (winner >= 0) {
                    decisions.add(new RaceDecision(seeds, committed, winner, RaceDecision.Action.WINNER, -1,
                            lastMeans[winner], Double.NaN, Double.NaN, Double.NaN));
                }
                return new Progress(decisions, alive, seeds, committed, end, winner, lastMeans);
            }
            seeds++;
            committed += left;
        }
    }

    /**
     * The runs a race wants now, in the order to start them: first every missing seed up to the next look,
     * then (to keep executors busy while the look waits for its slowest run) the following look's seed of
     * each remaining candidate, best mean first, when the budget is sure to allow that look. Those spare
     * runs may turn out unneeded if their candidate is eliminated; decisions never depend on them.
     */
    public List<Slot> wanted(Progress progress, double[][] scores) {
        List<Slot> slots = new ArrayList<>();
        if (progress.over()) {
            return slots;
        }
        boolean[] alive = progress.alive();
        for (int r = 0; r < progress.seeds(); r++) {
            for (int c = 0; c < candidates; c++) {
                if (alive[c] && Double.isNaN(scores[c][r])) {
                    slots.add(new Slot(c, r));
                }
            }
        }
        int next = progress.seeds();
        if (next < settings.maxRepeats() && progress.committed() + progress.aliveCount() <= budget) {
            double[] means = progress.lastMeans();
            List<Integer> order = new ArrayList<>();
            for (int c = 0; c < candidates; c++) {
                if (alive[c] && Double.isNaN(scores[c][next])) {
                    order.add(c);
                }
            }
            order.sort(Comparator.comparingDouble((Integer c) -> Double.isNaN(means[c]) ? 0 : -means[c])
                    .thenComparingInt(c -> c));
            order.forEach(c -> slots.add(new Slot(c, next)));
        }
        return slots;
    }

    /**
     * At most how many runs the race still needs finished (started or not): every missing seed of the remaining
     * candidates up to the current look, plus the later looks' seeds the budget still allows. The race may end
     * sooner; an eliminated candidate's spare run already in flight is not counted.
     */
    public int unfinishedAtMost(Progress progress, double[][] scores) {
        if (progress.over()) {
            return 0;
        }
        boolean[] alive = progress.alive();
        int thisLook = 0;
        int later = 0;
        for (int c = 0; c < candidates; c++) {
            if (!alive[c]) {
                continue;
            }
            for (int r = 0; r < settings.maxRepeats(); r++) {
                if (Double.isNaN(scores[c][r])) {
                    if (r < progress.seeds()) {
                        thisLook++;
                    } else {
                        later++;
                    }
                }
            }
        }
        return thisLook + Math.min(later, Math.max(0, budget - progress.committed()));
    }

    private void look(double[][] scores, boolean[] alive, int k, int committed, List<RaceDecision> decisions,
                      double[] means) {
        for (int c = 0; c < candidates; c++) {
            if (!alive[c]) {
                continue;
            }
            boolean failed = false;
            for (int r = 0; r < k; r++) {
                failed |= scores[c][r] == FAILED || Double.isNaN(scores[c][r]);
            }
            means[c] = failed ? Double.NaN : RaceStatistics.mean(scores[c], k);
            if (failed) {
                alive[c] = false;
                decisions.add(new RaceDecision(k, committed, c, RaceDecision.Action.FAILED, -1, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN));
            }
        }
        int[] rows = aliveIndices(alive);
        int leader = leader(alive, means);
        if (rows.length < 2) {
            return;
        }
        RaceStatistics.Blocked anova = RaceStatistics.blocked(scores, rows, k);
        // The omnibus gate: comparisons against the best are made only when the F test rejects "all alike" at
        // this look's level. With all candidates equal, the level keeps that to alpha of races over all looks,
        // whatever the comparisons after it do.
        if (!(anova.omnibusP() < alphaPerLook)) {
            return;
        }
        // Compared against the best mean rank; the leader by mean score is never eliminated.
        int top = 0;
        for (int i = 0; i < rows.length; i++) {
            top = anova.rankMeans()[i] > anova.rankMeans()[top] ? i : top;
        }
        List<Integer> others = new ArrayList<>();
        double[] pValues = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (i != top && rows[i] != leader && anova.rankMeans()[i] < anova.rankMeans()[top]) {
                others.add(i);
                pValues[i] = anova.pairP(i, top);
            }
        }
        others.sort(Comparator.comparingDouble((Integer i) -> pValues[i]).thenComparingInt(i -> i));
        // Holm over the m-1 comparisons against the best, with the pooled residual variance of the ranks.
        List<RaceDecision> out = new ArrayList<>();
        for (int rank = 0; rank < others.size(); rank++) {
            int i = others.get(rank);
            double threshold = RaceStatistics.holmThreshold(alphaPerLook, rows.length - 1, rank);
            if (pValues[i] > threshold) {
                break;
            }
            out.add(new RaceDecision(k, committed, rows[i], RaceDecision.Action.ELIMINATED, rows[top],
                    means[rows[i]], means[rows[top]], pValues[i], threshold));
        }
        out.sort(Comparator.comparingInt(RaceDecision::candidate));
        for (RaceDecision d : out) {
            alive[d.candidate()] = false;
            decisions.add(d);
        }
    }

    private int[] aliveIndices(boolean[] alive) {
        int[] rows = new int[count(alive)];
        int n = 0;
        for (int c = 0; c < candidates; c++) {
            if (alive[c]) {
                rows[n++] = c;
            }
        }
        return rows;
    }

    private boolean complete(double[][] scores, boolean[] alive, int k) {
        for (int c = 0; c < candidates; c++) {
            for (int r = 0; alive[c] && r < k; r++) {
                if (Double.isNaN(scores[c][r])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Highest mean among the remaining candidates; the lowest index among equals; -1 when none remain. */
    private int leader(boolean[] alive, double[] means) {
        int best = -1;
        for (int c = 0; c < candidates; c++) {
            if (alive[c] && (best < 0 || means[c] > means[best])) {
                best = c;
            }
        }
        return best;
    }

    private static int count(boolean[] alive) {
        int n = 0;
        for (boolean a : alive) {
            n += a ? 1 : 0;
        }
        return n;
    }
}
