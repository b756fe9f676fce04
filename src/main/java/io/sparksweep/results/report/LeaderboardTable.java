package io.sparksweep.results.report;

import java.util.List;

/** The leaderboard as an HTML table: every configuration, best mean accuracy first. */
public final class LeaderboardTable {

    private LeaderboardTable() {
    }

    public static String html(List<LeaderboardEntry> leaderboard, List<String> hyperparameters) {
        StringBuilder html = new StringBuilder("<table class=\"leaderboard\">\n<thead><tr><th>#</th><th>model</th>");
        for (String hyperparameter : hyperparameters) {
            html.append("<th>").append(Html.escape(hyperparameter)).append("</th>");
        }
        html.append("<th>accuracy mean \u00b1 std</th><th>95% CI of the mean</th><th>n</th>"
                + "<th>train time</th><th>parameters</th><th>trial</th></tr></thead>\n<tbody>\n");
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
                    .append(cell(Values.decimal(entry.trainSecondsMean(), 1) + " s"))
                    .append(cell(Values.compactCount(entry.parameters())))
                    .append("<td><code>").append(Html.escape(entry.trialId())).append("</code></td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n").toString();
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

    private static String cell(String text) {
        return "<td>" + Html.escape(text) + "</td>";
    }
}
