package io.sparksweep.decide;

import io.sparksweep.spec.SweepDefinition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Successive halving over epochs as a pure function of the validation scores known so far. Every candidate
 * trains all its seeds to the first rung; once every candidate of a rung has all its seeds there, the top
 * 1/reduction by mean over seeds (never a single seed's score) is promoted and continues from its saved
 * state to the next rung. Promotion waits for the whole rung (synchronous), unlike ASHA, which promotes
 * as soon as a candidate is in the top of those finished so far: ASHA's promotions depend on which runs
 * finished first, and a sweep must decide the same on 1 or 8 executors.
 *
 * <p>Scores are "higher is better"; {@link Scores#MISSING} marks a rung not reached yet,
 * {@link Scores#FAILED} a run that failed or diverged (its candidate ranks last at that rung and stops there).
 * Equal means share a rank, and a cut never falls between them: the policy does not choose where the scores cannot.
 * Once no candidate of a rung can go on (all failed), the halving is over without a winner.
 */
public final class HalvingPolicy {

    /** One candidate's fate at one rung: a row of the {@code promotions} table. */
    public record Promotion(int rung, int epochs, int candidate, double mean, int rank, boolean promoted) {
    }

    /** A (candidate, rung, repeat) to train: from the previous rung's saved state up to the rung's epochs. */
    public record Slot(int candidate, int rung, int repeat) {
    }

    /**
     * @param rung    the rung being trained, or the last one reached once over
     * @param members candidates training at {@code rung}
     * @param winner  best candidate at the last rung (the first in the space's order among equal means); -1 while running
     *                or when every candidate failed
     */
    public record Progress(List<Promotion> promotions, int rung, List<Integer> members, boolean over, int winner) {
    }

    private final SweepDefinition.Halving settings;
    private final int candidates;
    private final int seeds;

    public HalvingPolicy(SweepDefinition.Halving settings, int candidates, int seeds) {
        this.settings = settings;
        this.candidates = candidates;
        this.seeds = seeds;
    }

    /** @param scores scores[candidate][rung][repeat]: validation metric at the end of that rung */
    public Progress decide(double[][][] scores) {
        List<Promotion> promotions = new ArrayList<>();
        List<Integer> members = new ArrayList<>();
        for (int c = 0; c < candidates; c++) {
            members.add(c);
        }
        List<Integer> rungs = settings.rungs();
        for (int rung = 0; rung < rungs.size(); rung++) {
            double[] means = new double[candidates];
            for (int c : members) {
                double sum = 0;
                for (int r = 0; r < seeds; r++) {
                    double s = scores[c][rung][r];
                    if (Double.isNaN(s)) {
                        return new Progress(promotions, rung, List.copyOf(members), false, -1);
                    }
                    sum += s;
                }
                means[c] = sum / seeds;
            }
            List<Integer> ranked = new ArrayList<>(members);
            ranked.sort(Comparator.comparingDouble((Integer c) -> -means[c]).thenComparingInt(c -> c));
            boolean last = rung == rungs.size() - 1;
            int keep = last ? 0 : kept(ranked, means);
            int rank = 1;
            for (int i = 0; i < ranked.size(); i++) {
                if (i > 0 && !tied(means[ranked.get(i)], means[ranked.get(i - 1)])) {
                    rank = i + 1;
                }
                promotions.add(new Promotion(rung, rungs.get(rung), ranked.get(i), means[ranked.get(i)], rank,
                        i < keep));
            }
            if (last || keep == 0) {
                int winner = Double.isFinite(means[ranked.get(0)]) ? ranked.get(0) : -1;
                return new Progress(promotions, rung, List.copyOf(members), true, winner);
            }
            members = new ArrayList<>(ranked.subList(0, keep));
        }
        throw new IllegalStateException("halving needs at least one rung");
    }

    /** The runs to train now: every seed of every member of the current rung that has no score there yet. */
    public List<Slot> wanted(Progress progress, double[][][] scores) {
        List<Slot> slots = new ArrayList<>();
        if (progress.over()) {
            return slots;
        }
        for (int r = 0; r < seeds; r++) {
            for (int c : progress.members()) {
                if (Double.isNaN(scores[c][progress.rung()][r])) {
                    slots.add(new Slot(c, progress.rung(), r));
                }
            }
        }
        return slots;
    }

    /**
     * How many runs the halving still needs finished (started or not): the missing seeds of the current rung's
     * members, then every seed of each later rung's members, whose number is fixed by the reduction. Exact unless a
     * later cut keeps candidates tied on their mean (more runs) or stops failed ones (fewer).
     */
    public int unfinishedRuns(Progress progress, double[][][] scores) {
        if (progress.over()) {
            return 0;
        }
        int runs = 0;
        for (int c : progress.members()) {
            for (int r = 0; r < seeds; r++) {
                runs += Double.isNaN(scores[c][progress.rung()][r]) ? 1 : 0;
            }
        }
        int members = progress.members().size();
        for (int rung = progress.rung() + 1; rung < settings.rungs().size(); rung++) {
            members = promoted(members);
            runs += members * seeds;
        }
        return runs;
    }

    /**
     * How many of a rung's ranked members go on: the top 1/reduction (at least one), and every member whose mean equals
     * the last promoted one's, since nothing in the scores tells them apart (two settings that have not acted yet, as a
     * schedule before its first step, train identical runs). A failed candidate is never promoted: nothing continues
     * from a failed run.
     */
    private int kept(List<Integer> ranked, double[] means) {
        int keep = promoted(ranked.size());
        while (keep < ranked.size() && tied(means[ranked.get(keep)], means[ranked.get(keep - 1)])) {
            keep++;
        }
        while (keep > 0 && !Double.isFinite(means[ranked.get(keep - 1)])) {
            keep--;
        }
        return keep;
    }

    /**
     * Equal means, up to the rounding of summing them: two candidates whose seeds got the same number of validation
     * items right in total have equal means, yet summed in another order they can differ in the last bit.
     */
    private static boolean tied(double a, double b) {
        return a == b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
    }

    /** How many of a rung's members go on to the next rung without ties: the top 1/reduction, at least one. */
    private int promoted(int members) {
        return Math.max(1, members / settings.reduction());
    }

    /** Epochs trained by candidate-seeds up to where the halving is: what halving costs in run-epochs. */
    public int runEpochs(Progress progress) {
        int total = 0;
        int previous = 0;
        for (int rung = 0; rung < settings.rungs().size(); rung++) {
            final int r = rung;
            long trained = progress.promotions().stream().filter(p -> p.rung() == r).count();
            total += (int) trained * seeds * (settings.rungs().get(rung) - previous);
            previous = settings.rungs().get(rung);
        }
        return total;
    }
}
