package io.sparksweep.results;

import java.util.List;

/**
 * Trials of one sweep ranked by the mean of a metric over their ok runs, each compared with the leader.
 *
 * @param entries  ranked trials, best first; the first is the leader
 * @param unranked trials without a single ok run
 */
public record Ranking(RankMetric metric, double alpha, List<Entry> entries, List<String> unranked) {

    /** How a trial compares with the leader. */
    public enum Verdict {
        LEADER, TIED, WORSE,
        /** fewer than 2 ok runs on one side: Welch's test needs a variance from both */
        UNTESTED
    }

    /** @param pValue Welch's two-sided p against the leader; NaN for the leader and untested trials */
    public record Entry(int rank, String trialId, SampleStats stats, double pValue, Verdict verdict) {
    }

    public Ranking {
        entries = List.copyOf(entries);
        unranked = List.copyOf(unranked);
    }

    public long count(Verdict verdict) {
        return entries.stream().filter(e -> e.verdict() == verdict).count();
    }

    /** True only if every other trial was tested and found worse. */
    public boolean clearWinner() {
        return entries.size() > 1 && count(Verdict.TIED) == 0 && count(Verdict.UNTESTED) == 0;
    }

    /** One sentence for humans; ties within noise are reported as ties, never as a win. */
    public String conclusion() {
        if (entries.isEmpty()) {
            return "No trial has an ok run: nothing to rank.";
        }
        Entry leader = entries.get(0);
        String who = "Leader " + leader.trialId();
        if (entries.size() == 1) {
            return "Only one trial has ok runs (" + leader.trialId() + "): there is nothing to compare it with.";
        } else if (leader.stats().n() < 2) {
            return who + " is not a clear winner: it has fewer than 2 ok runs, so it cannot be tested.";
        } else if (count(Verdict.TIED) > 0) {
            return who + " is not a clear winner: " + count(Verdict.TIED) + " trial(s) are tied with it within"
                    + " noise (Welch p >= " + alpha + ").";
        } else if (count(Verdict.UNTESTED) > 0) {
            return who + " is not a clear winner: it beats every tested trial, but " + count(Verdict.UNTESTED)
                    + " trial(s) have fewer than 2 ok runs and could not be tested.";
        }
        return who + " is a clear winner: every other trial is worse (Welch p < " + alpha + ").";
    }
}
