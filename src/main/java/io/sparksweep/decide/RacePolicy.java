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
 * <li>Each pair: the one-sided paired t-test of {@link RaceStatistics#pairedP} of "j is not better than c" (its
 *     level holds per pair whatever the two noise levels).</li>
 * <li>Each candidate c: its evidence of not being among the best is Simes' combination of its n - 1 pairwise
 *     p-values against the others that have not failed (those no longer racing count as p = 1), which is a valid
 *     p-value of "c is among the best" when the pairwise tests are positively dependent, as tests that share c's
 *     scores are (Simes 1986; Sarkar 2008). A candidate beaten by every other one is then out as soon as the
 *     weakest of those tests allows, instead of paying n - 1 for the strongest (Bonferroni). The level
 *     simulations check it, unequal noise and discrete scores included.</li>
 * <li>Within a look, Holm's step-down over the candidates' evidence: the closed test of "every candidate of S
 *     is among the best", rejected when some member's evidence is at most {@code level / |S|}. Comparing only
 *     with the leader would not hold: the leader is picked by the same data, so ties with it look worse than
 *     they are.</li>
 * <li>Over the looks, Bonferroni: the looks share alpha, fixed in advance. A look at two seeds gets no share when
 *     later looks exist: each pair has one degree of freedom there, so no real difference can reach the levels a
 *     race needs (a hopeless candidate 60 standard errors behind gives p = 0.005), while chance can; its share goes
 *     to the looks that can use it. An error needs the set of true best candidates rejected at some look, which
 *     has chance at most that look's share.</li>
 * </ul>
 * Candidates whose run failed leave the count n (failures do not depend on the scores), so when many fail
 * early the level is the one for the candidates actually left. The leader by mean is never eliminated.
 *
 * <p>The policy decides which candidates get more seeds, not who wins: the race's verdict is the sweep's one
 * ranking ({@code store.SweepRanking}) over the runs the race trained, computed by the race's run source once
 * the race is over, so the race table's winner, {@code run}'s closing lines and {@code best} name the same trial.
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
     * @param leader    once ended, the best mean among the candidates still in at the last look (lowest index
     *                  among equals), the one candidate the policy never eliminates; -1 while running. Not the
     *                  race's verdict, which is the sweep's ranking of the runs trained
     * @param lastMeans each candidate's mean at its last look (NaN before the first), for ordering spare runs
     */
    public record Progress(List<RaceDecision> decisions, boolean[] alive, int seeds, int committed, End end,
                           int leader, double[] lastMeans) {

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
    private final double[] lookAlpha;
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
        this.lookAlpha = lookAlpha(settings);
        this.budget = settings.budget() > 0 ? settings.budget() : candidates * settings.maxRepeats();
        if (budget < candidates * settings.minRepeats()) {
            throw new IllegalArgumentException("a budget of " + budget + " runs cannot give " + candidates
                    + " candidates " + settings.minRepeats() + " seeds each");
        }
    }

    /** The share of alpha the look at {@code seeds} seeds tests at; 0 for a look that spends none. */
    public double alphaAt(int seeds) {
        return seeds >= 0 && seeds < lookAlpha.length ? lookAlpha[seeds] : 0;
    }

    /** The looks that spend alpha, in seed counts: the look at 2 seeds only when it is the only one. */
    public List<Integer> spendingLooks() {
        List<Integer> looks = new ArrayList<>();
        for (int k = 0; k < lookAlpha.length; k++) {
            if (lookAlpha[k] > 0) {
                looks.add(k);
            }
        }
        return looks;
    }

    /** The smallest score step the tests credit a difference of scores with; 0 when continuous. */
    public double resolution() {
        return resolution;
    }

    /**
     * Alpha by seed count: split evenly over the looks k = max(min, 2) .. max, except that a look at 2 seeds gets
     * nothing when later looks exist (one degree of freedom per pair: see the class comment).
     */
    static double[] lookAlpha(SweepDefinition.Race settings) {
        double[] alpha = new double[settings.maxRepeats() + 1];
        int first = Math.max(settings.minRepeats(), 2);
        if (first == 2 && settings.maxRepeats() > 2) {
            first = 3;
        }
        int looks = Math.max(1, settings.maxRepeats() - first + 1);
        for (int k = first; k <= settings.maxRepeats(); k++) {
            alpha[k] = settings.alpha() / looks;
        }
        if (settings.maxRepeats() < first) {
            alpha[settings.maxRepeats()] = settings.alpha(); // a single look below two seeds tests nothing anyway
        }
        return alpha;
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
                return new Progress(decisions, alive, seeds, committed, end, leader(alive, lastMeans), lastMeans);
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
        if (rows.length < 2 || k < 2 || alphaAt(k) == 0) {
            return;
        }
        // The others a candidate can be beaten by: every candidate that has not failed, eliminated ones included
        // (their tests count as p = 1: they have no scores at this look).
        int others = notFailed(decisions) - 1;
        // Each remaining candidate's evidence of not being among the best: Simes over its one-sided paired
        // p-values against the others; "against" names the strongest single one.
        double[] pValues = new double[rows.length];
        int[] against = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double[] pairs = new double[rows.length - 1];
            double smallest = 1.0;
            against[i] = -1;
            int n = 0;
            for (int j = 0; j < rows.length; j++) {
                if (j != i) {
                    double p = RaceStatistics.pairedP(scores[rows[j]], scores[rows[i]], k, resolution);
                    pairs[n++] = p;
                    if (p < smallest || against[i] < 0 && p <= smallest) {
                        smallest = p;
                        against[i] = j;
                    }
                }
            }
            pValues[i] = RaceStatistics.simes(pairs, others);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> pValues[i]).thenComparingInt(i -> rows[i]));
        List<RaceDecision> out = new ArrayList<>();
        for (int step = 0; step < order.size(); step++) {
            int i = order.get(step);
            double threshold = RaceStatistics.stepThreshold(alphaAt(k), rows.length, step);
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
