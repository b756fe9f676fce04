package io.sparksweep.report;

import io.sparksweep.stats.Correction;
import io.sparksweep.stats.Ranking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The report page: one self-contained HTML document with its style and charts inline, so it opens from a file,
 * offline, and can be mailed or archived alone.
 */
public final class HtmlReport {

    private static final String CSS = resource("report.css");

    private HtmlReport() {
    }

    public static String render(ReportData data, Instant generated) {
        String sweep = data.sweep().name();
        List<Figure> hyperparameterFigures = ReportFigures.hyperparameters(data);
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.escape("sparksweep report: " + sweep) + "</title>\n"
                + "<style>\n" + CSS + "</style>\n</head>\n<body>\n"
                + "<header><h1>" + Html.escape("Sweep " + sweep) + "</h1><p>"
                + Html.escape(data.configurations() + " configurations \u00d7 " + data.sweep().repeats()
                + " seeds \u00b7 generated " + generated.truncatedTo(ChronoUnit.SECONDS)) + "</p></header>\n"
                + "<nav><a href=\"#overview\">Overview</a><a href=\"#leaderboard\">Leaderboard</a>"
                + "<a href=\"#hyperparameters\">Hyperparameters</a><a href=\"#budget\">Sweep size</a>"
                + "<a href=\"#curves\">Learning curves</a>"
                + "<a href=\"#confusion\">Confusion</a><a href=\"#tradeoffs\">Cost trade-offs</a>"
                + "<a href=\"#problems\">Failed runs</a><a href=\"#provenance\">Spec &amp; provenance</a></nav>\n"
                + "<main>\n"
                + section("overview", "Overview", overview(data))
                + section("leaderboard", "Leaderboard", figures(ReportFigures.leaderboard(data))
                        + "<div class=\"table-wrap\">" + LeaderboardTable.html(data.leaderboard(),
                        data.hyperparameters(), data.ranking()) + "</div>" + rankingNote(data))
                + section("hyperparameters", "Accuracy vs each hyperparameter",
                        figures(hyperparameterFigures) + constantHyperparameters(data))
                + section("budget", "What the sweep's size bought", figures(ReportFigures.budget(data)))
                + section("curves", "Learning curves", figures(ReportFigures.learningCurves(data)))
                + section("confusion", "Confusion matrix of the best configuration",
                        figures(ReportFigures.confusion(data)))
                + section("tradeoffs", "Accuracy vs cost", figures(ReportFigures.tradeoffs(data)))
                + section("problems", "Failed and diverged runs", ProvenanceSection.problemRuns(data.problemRuns()))
                + section("provenance", "Spec and provenance", ProvenanceSection.spec(data.sweep())
                        + "<h3>Run environments</h3>\n"
                        + ProvenanceSection.runProvenance(data.provenance(), data.executors()))
                + "</main>\n<footer>Made by sparksweep report from the Parquet tables of sweep "
                + Html.escape(sweep) + "; the notebook beside this file re-runs every query.</footer>\n"
                + "</body>\n</html>\n";
    }

    private static String overview(ReportData data) {
        String leaderId = data.ranking().leader().map(Ranking.Entry::trialId).orElse(null);
        String leader = data.leaderboard().stream().filter(LeaderboardEntry::hasAccuracy)
                .filter(entry -> entry.trialId().equals(leaderId)).findFirst()
                .map(entry -> "<p>Leader: <strong>" + Html.escape(entry.label()) + "</strong> with "
                        + Html.escape(LeaderboardTable.meanAndStd(entry)) + " test accuracy over "
                        + entry.runsOk() + " seeds, " + Html.escape(verdict(data.ranking())) + ".</p>\n"
                        + "<p>" + Html.escape(data.ranking().conclusion()) + "</p>\n"
                        + "<p>" + Html.escape(data.ranking().choiceSentence()) + "</p>\n"
                        + data.ranking().notes().stream().map(n -> "<p class=\"note\">Note: " + Html.escape(n)
                        + ".</p>\n").collect(Collectors.joining())
                        + data.ranking().runnerUpSentence().map(s -> "<p>" + Html.escape(s) + "</p>\n").orElse(""))
                .orElse("<p class=\"empty\">No run succeeded.</p>\n");
        return "<div class=\"cards\">"
                + card(Long.toString(data.configurations()), "configurations")
                + card(Long.toString(data.runsOk()), "successful runs")
                + card(Long.toString(data.runsFailed()), "failed runs")
                + card(Long.toString(data.runsDiverged()), "diverged runs")
                + "</div>\n" + leader;
    }

    /** "a clear winner", "tied with 2 others at the Holm-corrected 0.05 level", ... */
    static String verdict(Ranking ranking) {
        long tied = ranking.count(Ranking.Verdict.TIED);
        if (ranking.entries().size() < 2) {
            return "the only configuration with a successful run";
        } else if (ranking.clearWinner()) {
            return "a clear winner (every other configuration is worse at the " + ranking.correction().adjective()
                    + " " + ranking.alpha() + " level)";
        } else if (tied > 0) {
            return "tied with " + tied + " other" + (tied == 1 ? "" : "s") + " at the "
                    + ranking.correction().adjective() + " " + ranking.alpha() + " level";
        }
        return "not a clear winner (too few successful seeds to test)";
    }

    private static String rankingNote(ReportData data) {
        if (data.ranking().entries().size() < 2) {
            return "";
        }
        return "<p class=\"note\">Verdict: each configuration's runs against the leader's, by a "
                + "two-sided paired t-test on the runs of the same seeds (Welch's t-test where the seeds differ, "
                + "e.g. after a failed run; the exact sign-flip test where every seed's difference is the same), then "
                + (data.ranking().correction() == Correction.HOLM
                ? "Holm-corrected over all " + data.ranking().comparisons() + " pairwise comparisons between "
                + "configurations, so that the leader being the luckiest of them does not make equal ones look worse"
                : "uncorrected for the comparisons with the leader")
                + "; tied when that p is at least " + data.ranking().alpha()
                + ". P(leader better): the share of seeds where the leader's run scores better, ties one half (of "
                + "all pairs of runs where seeds differ), with an exact binomial 95% interval (Clopper-Pearson) on "
                + "the seeds won (Bouthillier et al. 2021).</p>\n";
    }

    private static String constantHyperparameters(ReportData data) {
        String fixed = data.effects().stream().filter(HyperparameterEffect::constant)
                .filter(effect -> !effect.points().isEmpty())
                .map(effect -> effect.name() + " = " + Values.format(effect.points().get(0).value()))
                .collect(Collectors.joining(", "));
        return fixed.isEmpty() ? "" : "<p>Fixed in this sweep: " + Html.escape(fixed) + ".</p>\n";
    }

    private static String card(String value, String label) {
        return "<div class=\"card\"><div class=\"value\">" + Html.escape(value) + "</div><div class=\"label\">"
                + Html.escape(label) + "</div></div>";
    }

    private static String figures(List<Figure> figures) {
        if (figures.isEmpty()) {
            return "<p class=\"empty\">Nothing to chart: no successful run.</p>\n";
        }
        StringBuilder html = new StringBuilder("<div class=\"figures\">\n");
        for (Figure figure : figures) {
            html.append("<figure id=\"").append(Html.escape(figure.id())).append("\">\n").append(figure.svg())
                    .append("\n<figcaption>").append(Html.escape(figure.caption())).append("</figcaption>\n</figure>\n");
        }
        return html.append("</div>\n").toString();
    }

    private static String section(String id, String title, String body) {
        return "<section id=\"" + id + "\">\n<h2>" + Html.escape(title) + "</h2>\n" + body + "</section>\n";
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
