package io.sparksweep.stats;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Trials of one sweep ranked by the mean of a metric over their ok runs, each compared with the leader.
 *
 * @param correction  how the p-values of the comparisons with the leader were corrected
 * @param comparisons the size of the family they were corrected in: all pairs of testable trials under Holm
 * @param entries    ranked trials, best first; the first is the leader
 * @param unranked   trials without a single ok run
 * @param selection   the set whose metric the trials were ranked by
 * @param reported    per trial, the test metric over the same ok runs: reported beside the ranking, never used in it
 * @param testItems   items in the test set, 0 when unknown
 * @param notes       what the ranking left out or fell back on, one sentence each
 */
public record Ranking(RankMetric metric, double alpha, Correction correction, int comparisons, List<Entry> entries,
                      List<String> unranked, Selection selection, Map<String, SampleStats> reported, long testItems,
                      List<String> notes) {

    /** How a trial compares with the leader, at the corrected level. */
    public enum Verdict {
        LEADER, TIED, WORSE,
        /** fewer than 2 ok runs on one side: a t-test needs a spread */
        UNTESTED
    }

    /**
     * @param comparison  the test against the leader (for the leader itself: {@code NONE})
     * @param adjustedP   the p-value after the ranking's correction; NaN when no test ran
     * @param verdict     from {@code adjustedP} against alpha
     * @param improvement P(leader beats this trial); empty for the leader
     */
    public record Entry(int rank, String trialId, SampleStats stats, PairedComparison comparison, double adjustedP,
                        Verdict verdict, Optional<ProbabilityOfImprovement> improvement) {

        /** The uncorrected p-value of the test against the leader. */
        public double pValue() {
            return comparison.pValue();
        }
    }

    public Ranking {
        entries = List.copyOf(entries);
        unranked = List.copyOf(unranked);
        reported = Map.copyOf(reported);
        notes = List.copyOf(notes);
    }

    /** The same ranking, said to be chosen on {@code selection}, with the test metric to report beside it. */
    public Ranking chosenOn(Selection selection, Map<String, SampleStats> reported, long testItems,
                            List<String> notes) {
        return new Ranking(metric, alpha, correction, comparisons, entries, unranked, selection, reported, testItems,
                notes);
    }

    /** The column the ranking was computed from: {@code val_accuracy}, {@code test_loss}, ... */
    public String column() {
        return metric.column(selection);
    }

    /** The test metric of a trial's runs (its ranking stats when chosen on test); empty if it has none. */
    public Optional<SampleStats> test(String trialId) {
        return Optional.ofNullable(reported.get(trialId));
    }

    /**
     * Half-width of the 95% interval of a trial's test accuracy on new data (the test set's own sampling error
     * added); NaN for a loss, an unknown test size or fewer than 2 runs.
     */
    public double newDataCi95(String trialId) {
        return metric != RankMetric.ACCURACY ? Double.NaN
                : test(trialId).map(s -> s.ci95NewData(testItems)).orElse(Double.NaN);
    }

    /** One sentence saying which set chose and what is reported. */
    public String choiceSentence() {
        String test = metric.column(Selection.TEST);
        return selection == Selection.VALIDATION
                ? "Chosen on the validation set: " + column() + " at each run's best epoch. " + test
                + " of the same runs is reported beside it and never used to choose."
                : "Chosen on the test set (selection: test): " + test + " both chooses and is reported, so the "
                + "leader's test score is optimistic.";
    }

    public long count(Verdict verdict) {
        return entries.stream().filter(e -> e.verdict() == verdict).count();
    }

    public Optional<Entry> leader() {
        return entries.stream().findFirst();
    }

    /** True only if every other trial was tested and found worse. */
    public boolean clearWinner() {
        return entries.size() > 1 && count(Verdict.TIED) == 0 && count(Verdict.UNTESTED) == 0;
    }

    /** "paired t-test", "Welch's t-test" or both, as the comparisons used them. */
    public String testsUsed() {
        List<String> tests = entries.stream().map(e -> e.comparison().test())
                .filter(t -> t != PairedComparison.Test.NONE).distinct().sorted()
                .map(PairedComparison.Test::label).toList();
        return tests.isEmpty() ? "no test" : String.join(" or ", tests);
    }

    /** "Holm-corrected p < 0.05 over all 28 pairwise comparisons" */
    public String level() {
        return correction.adjective() + " p < " + alpha + (correction == Correction.NONE ? ""
                : comparisons == 1 ? " over 1 comparison" : " over all " + comparisons + " pairwise comparisons");
    }

    /** One sentence naming the leader and its verdict; ties within noise are reported as ties, never as a win. */
    public String conclusion() {
        if (entries.isEmpty()) {
            return "No trial has an ok run: nothing to rank.";
        }
        Entry leader = entries.get(0);
        String who = "Leader " + leader.trialId();
        long tied = count(Verdict.TIED);
        long untested = count(Verdict.UNTESTED);
        if (entries.size() == 1) {
            return "Only one trial has ok runs (" + leader.trialId() + "): there is nothing to compare it with.";
        } else if (leader.stats().n() < 2) {
            return who + " is not a clear winner: it has fewer than 2 ok runs, so it cannot be tested.";
        } else if (tied > 0) {
            return who + " is tied with " + tied + " other trial" + (tied == 1 ? "" : "s") + " (" + testsUsed()
                    + ", " + correction.adjective() + " p >= " + alpha + "): not a clear winner"
                    + (untested > 0 ? "; " + untested + " more could not be tested (fewer than 2 ok runs)." : ".");
        } else if (untested > 0) {
            return who + " is not a clear winner: it beats every tested trial, but " + untested
                    + " trial(s) have fewer than 2 ok runs and could not be tested.";
        }
        return who + " is a clear winner: every other trial is worse (" + testsUsed() + ", " + level() + ").";
    }

    /**
     * "The leader beats t2 in 71% of seeds (95% CI 55-85%)." for the runner-up, the trial nearest the leader;
     * empty when there is none.
     */
    public Optional<String> runnerUpSentence() {
        return entries.stream().skip(1).findFirst().flatMap(runnerUp -> runnerUp.improvement()
                .map(p -> "The leader " + entries.get(0).trialId() + " beats the runner-up " + runnerUp.trialId()
                        + " in " + p.describe() + "."));
    }

    /** Verdict as a table cell: "leader", "tied", "worse", "untested (n < 2)". */
    public static String verdictText(Verdict verdict) {
        return verdict == Verdict.UNTESTED ? "untested (n < 2)" : verdict.name().toLowerCase(Locale.ROOT);
    }
}
