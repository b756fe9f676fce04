package io.sparksweep.report;

import io.sparksweep.stats.Correction;
import io.sparksweep.stats.PairedComparison;
import io.sparksweep.stats.ProbabilityOfImprovement;
import io.sparksweep.stats.Ranking;
import io.sparksweep.stats.SampleStats;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The leaderboard as an HTML table: every configuration, best mean accuracy first, with its verdict against the
 * leader from the {@link Ranking}.
 */
public final class LeaderboardTable {

    private LeaderboardTable() {
    }

    public static String html(List<LeaderboardEntry> leaderboard, List<String> hyperparameters, Ranking ranking) {
        Map<String, Ranking.Entry> verdicts = ranking.entries().stream()
                .collect(Collectors.toMap(Ranking.Entry::trialId, Function.identity()));
        StringBuilder html = new StringBuilder("<table class=\"leaderboard\">\n<thead><tr><th>#</th><th>model</th>");
        for (String hyperparameter : hyperparameters) {
            html.append("<th>").append(Html.escape(hyperparameter)).append("</th>");
        }
        html.append("<th>test accuracy mean \u00b1 std</th><th>95% CI (seeds, this test set)</th><th>n</th>"
                + "<th>verdict</th><th>test vs leader</th><th>p</th><th>")
                .append(ranking.correction() == Correction.HOLM ? "p (Holm)" : "p (uncorrected)")
                .append("</th><th>P(leader better)</th>"
                + "<th>train time</th><th>parameters</th><th>trial</th><th>chosen by: mean ")
                .append(Html.escape(ranking.column())).append("</th><th>95% CI (new data)</th></tr></thead>\n<tbody>\n");
        for (LeaderboardEntry entry : leaderboard) {
            html.append(entry.hasAccuracy() ? "<tr>" : "<tr class=\"no-result\">")
                    .append(cell(Integer.toString(entry.rank())))
                    .append(cell(entry.model()));
            for (String hyperparameter : hyperparameters) {
                html.append(cell(Values.format(entry.hyperparameters().get(hyperparameter))));
            }
            html.append(cell(meanAndStd(entry)))
                    .append(cell(confidenceInterval(entry)))
                    .append(cell(runs(entry)))
                    .append(verdictCells(verdicts.get(entry.trialId())))
                    .append(cell(Values.decimal(entry.trainSecondsMean(), 1) + " s"))
                    .append(cell(Values.compactCount(entry.parameters())))
                    .append("<td><code>").append(Html.escape(entry.trialId())).append("</code></td>")
                    .append(cell(chosenBy(verdicts.get(entry.trialId()))))
                    .append(cell(newData(entry, ranking))).append("</tr>\n");
        }
        return html.append("</tbody>\n</table>\n").toString();
    }

    /** The ranking's own mean (a loss or an accuracy, validation or test) with 4 decimals. */
    static String chosenBy(Ranking.Entry entry) {
        return entry == null ? "\u2013" : String.format(java.util.Locale.ROOT, "%.4f", entry.stats().mean());
    }

    /** The interval of the test accuracy on new data, the test set's sampling error added. */
    static String newData(LeaderboardEntry entry, Ranking ranking) {
        double half = entry.hasAccuracy() ? new SampleStats((int) entry.runsOk(), entry.accuracyMean(),
                entry.accuracyStd(), entry.accuracyCi95(), Double.NaN, Double.NaN).ci95NewData(ranking.testItems())
                : Double.NaN;
        if (Double.isNaN(half)) {
            return "\u2013";
        }
        return "[" + Values.percent(entry.accuracyMean() - half, 2) + ", "
                + Values.percent(entry.accuracyMean() + half, 2) + "]";
    }

    static String meanAndStd(LeaderboardEntry entry) {
        if (!entry.hasAccuracy()) {
            return "\u2013";
        }
        return Values.percent(entry.accuracyMean(), 2) + " \u00b1 " + Values.decimal(100 * entry.accuracyStd(), 2);
    }

    /** Shown as an interval; null when fewer than two seeds succeeded. */
    static String confidenceInterval(LeaderboardEntry entry) {
        if (!entry.hasAccuracy() || Double.isNaN(entry.accuracyCi95())) {
            return "\u2013";
        }
        return "[" + Values.percent(entry.accuracyMean() - entry.accuracyCi95(), 2) + ", "
                + Values.percent(entry.accuracyMean() + entry.accuracyCi95(), 2) + "]";
    }

    /** Successful runs, and what became of the others. */
    static String runs(LeaderboardEntry entry) {
        StringBuilder runs = new StringBuilder(Long.toString(entry.runsOk()));
        if (entry.runsFailed() > 0) {
            runs.append(" (").append(entry.runsFailed()).append(" failed)");
        }
        if (entry.runsDiverged() > 0) {
            runs.append(" (").append(entry.runsDiverged()).append(" diverged)");
        }
        return runs.toString();
    }

    /** Verdict, test, raw and corrected p, P(leader better); dashes where the trial was not ranked or tested. */
    static String verdictCells(Ranking.Entry entry) {
        if (entry == null) {
            return cell("not ranked") + cell("\u2013").repeat(4);
        }
        return cell(Ranking.verdictText(entry.verdict()))
                + cell(entry.comparison().test() == PairedComparison.Test.NONE ? "\u2013"
                : entry.comparison().test().label())
                + cell(pValue(entry.pValue())) + cell(pValue(entry.adjustedP()))
                + cell(entry.improvement().map(LeaderboardTable::improvement).orElse("\u2013"));
    }

    static String improvement(ProbabilityOfImprovement p) {
        return Math.round(100 * p.probability()) + "% [" + Math.round(100 * p.low()) + "\u2013"
                + Math.round(100 * p.high()) + "%]";
    }

    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "\u2013";
        }
        return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
    }

    private static String cell(String text) {
        return "<td>" + Html.escape(text) + "</td>";
    }
}
