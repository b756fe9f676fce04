package io.sparksweep.rerun;

import io.sparksweep.stats.MeanDifference;
import io.sparksweep.stats.SampleStats;

import java.io.PrintWriter;
import java.util.Locale;

/** The end of a rerun: the sweep's estimate of the trial next to the fresh seeds', and how far they moved it. */
final class RerunReport {

    private final RerunOutcome outcome;
    private final boolean fullTrain;
    private final int rankedTrials;
    private final double seconds;

    RerunReport(RerunOutcome outcome, boolean fullTrain, int rankedTrials, double seconds) {
        this.outcome = outcome;
        this.fullTrain = fullTrain;
        this.rankedTrials = rankedTrials;
        this.seconds = seconds;
    }

    void print(PrintWriter out) {
        SampleStats sweep = outcome.sweep();
        SampleStats fresh = outcome.fresh();
        MeanDifference moved = outcome.moved();
        out.printf("%d run(s) trained, %d already done, %.1f s%n", outcome.trained(), outcome.skipped(), seconds);
        out.printf("Trial %s, %s over ok runs:%n", outcome.trialId(), outcome.metric());
        out.printf("  %-24s %3s  %-16s %s%n", "", "n", "mean ± std", "95% CI");
        out.printf("  %-24s %3d  %-16s %s%n", "sweep (its own seeds)", sweep.n(), meanStd(sweep), ci(sweep));
        out.printf("  %-24s %3d  %-16s %s%n", fullTrain ? "rerun (train+validation)" : "rerun (fresh seeds)",
                fresh.n(), meanStd(fresh), ci(fresh));
        out.printf("  difference (rerun - sweep): %s%n", difference(moved));
        out.println(verdict(moved));
        out.printf("models: %d in %s; tables: reruns, rerun_epochs, rerun_classes (query them with `sql`).%n",
                outcome.models().size(), outcome.sweepDir().resolve("models"));
        out.flush();
    }

    private String verdict(MeanDifference moved) {
        if (Double.isNaN(moved.difference())) {
            return "No comparison: a side has no ok run.";
        }
        String direction = moved.difference() < 0 ? "down" : moved.difference() > 0 ? "up" : "nowhere";
        String how = String.format(Locale.ROOT, "The fresh seeds moved the estimate %s by %.4f", direction,
                Math.abs(moved.difference()));
        String noise = Double.isNaN(moved.ci95Low()) ? " (too few runs for a CI)"
                : moved.ci95Low() <= 0 && moved.ci95High() >= 0 ? " (within noise: the CI includes 0)"
                : " (beyond noise: the CI excludes 0)";
        String why;
        if (fullTrain) {
            why = " Trained on train+validation, the rerun is a different procedure from the sweep's runs, not only"
                    + " other seeds.";
        } else if (outcome.leader() && rankedTrials > 1) {
            why = " This trial was picked as the best of " + rankedTrials + " noisy means, which favours lucky seeds"
                    + " (winner's curse; less so when chosen on validation, as its seeds' luck is partly shared with"
                    + " test): the fresh seeds' mean is the unbiased estimate.";
        } else {
            why = " Fresh seeds are an independent estimate of the same trial.";
        }
        return how + noise + "." + why;
    }

    private static String meanStd(SampleStats s) {
        if (s.n() == 0) {
            return "-";
        }
        return Double.isNaN(s.std()) ? format(s.mean()) : format(s.mean()) + " ± " + format(s.std());
    }

    private static String ci(SampleStats s) {
        return Double.isNaN(s.ci95()) ? "-" : "[" + format(s.mean() - s.ci95()) + ", " + format(s.mean() + s.ci95()) + "]";
    }

    private static String difference(MeanDifference d) {
        if (Double.isNaN(d.difference())) {
            return "-";
        }
        String text = String.format(Locale.ROOT, "%+.4f", d.difference());
        return Double.isNaN(d.ci95Low()) ? text : text + ", 95% CI [" + String.format(Locale.ROOT, "%+.4f", d.ci95Low())
                + ", " + String.format(Locale.ROOT, "%+.4f", d.ci95High()) + "], Welch p = "
                + String.format(Locale.ROOT, "%.3f", d.pValue());
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
