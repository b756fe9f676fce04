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
 * <p>Looks happen at fixed seed counts k = min, min+1, ..., max (from 2 seeds on: one seed shows no noise).
 * The look at k waits until every candidate still in the race has its first k seeds, and uses exactly those,
 * even when later seeds have finished.
 *
 * <p>What is controlled: the chance that the race ever eliminates a candidate whose true mean is the best
 * (any of them when several tie) stays at most alpha, over all looks, whatever the other candidates' means
 * and noise levels (strong control of "c is among the best", not only when all are equal). How:
 * <ul>
 * <li>A candidate c is eliminated when some other candidate j still in the race is significantly better,
 *     by the one-sided paired t-test of {@link RaceStatistics#pairedP} (its level holds per pair whatever the
 *     two noise levels). Its evidence is the smallest such p-value over j.</li>
 * <li>Within a look, the closed test of the hypotheses "every candidate of S is among the best": S is
 *     rejected when some member is beaten at level {@code level / (|S| (n-1))}, Bonferroni over the
 *     |S| (n-1) ordered pairs that could do it (n candidates that have not failed). Closure turns that into
 *     Holm's step-down over the candidates' p-values. Comparing only with the leader would not hold: the
 *     leader is picked by the same data, so ties with it look worse than they are.</li>
 * <li>Over the looks, Bonferroni: each of the L looks gets alpha / L. An error needs the set of true best
 *     candidates rejected at some look, which has chance at most alpha / L per look.</li>
 * </ul>
 * Candidates whose run failed leave the count n (failures do not depend on the scores), so when many fail
 * early the level is the one for the candidates actually left. The leader by mean is never eliminated, and
 * the winner is the best mean when the race ends.
 *
 * <p>Scores are "higher is better"; {@link #MISSING} marks a run not finished yet, {@link #FAILED} a run
 * that failed or diverged (the candidate leaves the race at the next look).
 */
public final class RacePolicy {

    public static final double MISSING = Scores.MISSING;
    public static final double FAILED = Scores.FAILED;

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
    private final double resolution;
    private final double alphaPerLook;
    private final int budget;

    /** A race over continuous scores (a loss): no score resolution. */
    public RacePolicy(SweepDefinition.Race settings, int candidates) {
        this(settings, candidates, 0);
    }

    /**
     * @param resolution smallest step of the scores, 1/n for an accuracy on n items (0 when continuous): the
     *                   least standard deviation a difference of scores is credited with
     */
    public RacePolicy(SweepDefinition.Race settings, int candidates, double resolution) {
        if (candidates < 1) {
            throw new IllegalArgumentException("a race needs at least one candidate");
        }
        if (!(resolution >= 0) || Double.isInfinite(resolution)) {
            throw new IllegalArgumentException("score resolution must be >= 0, got " + resolution);
        }
        this.settings = settings;
        this.candidates = candidates;
        this.resolution = resolution;
        this.alphaPerLook = settings.alpha() / looks(settings);
        this.budget = settings.budget() > 0 ? settings.budget() : candidates * settings.maxRepeats();
        if (budget < candidates * settings.minRepeats()) {
            throw new IllegalArgumentException("a budget of " + budget + " runs cannot give " + candidates
                    + " candidates " + settings.minRepeats() + " seeds each");
        }
    }

    /** Alpha split evenly over the looks that can test (k >= 2): each look's share. */
    public double alphaPerLook() {
        return alphaPerLook;
    }

    /** The smallest score step the tests credit a difference of scores with; 0 when continuous. */
    public double resolution() {
        return resolution;
    }

    /** Looks at which a test is possible: k = max(min, 2) .. max; at least one. */
    static int looks(SweepDefinition.Race settings) {
        return Math.max(1, settings.maxRepeats() - Math.max(settings.minRepeats(), 2) + 1);
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
        if (rows.length < 2 || k < 2) {
            return;
        }
        // Each remaining candidate's strongest evidence of being worse: the smallest one-sided p-value of
        // another remaining candidate being better, paired by seed.
        double[] pValues = new double[rows.length];
        int[] against = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            pValues[i] = 1.0;
            against[i] = -1;
            for (int j = 0; j < rows.length; j++) {
                if (j != i) {
                    double p = RaceStatistics.pairedP(scores[rows[j]], scores[rows[i]], k, resolution);
                    if (p < pValues[i] || against[i] < 0 && p <= pValues[i]) {
                        pValues[i] = p;
                        against[i] = j;
                    }
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> pValues[i]).thenComparingInt(i -> rows[i]));
        // The others a candidate can be beaten by: every candidate that has not failed, eliminated ones included.
        int others = notFailed(decisions) - 1;
        List<RaceDecision> out = new ArrayList<>();
        for (int step = 0; step < order.size(); step++) {
            int i = order.get(step);
            double threshold = RaceStatistics.stepThreshold(alphaPerLook, rows.length, others, step);
            if (pValues[i] > threshold || rows[i] == leader) {
                break;
            }
            out.add(new RaceDecision(k, committed, rows[i], RaceDecision.Action.ELIMINATED, rows[against[i]],
                    means[rows[i]], means[rows[against[i]]], pValues[i], threshold));
        }
        out.sort(Comparator.comparingInt(RaceDecision::candidate));
        for (RaceDecision d : out) {
            alive[d.candidate()] = false;
            decisions.add(d);
        }
    }

    /** Candidates without a failed run so far. */
    private int notFailed(List<RaceDecision> decisions) {
        return candidates - (int) decisions.stream().filter(d -> d.action() == RaceDecision.Action.FAILED).count();
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
