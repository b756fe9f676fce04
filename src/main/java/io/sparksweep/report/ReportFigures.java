package io.sparksweep.report;

import io.sparksweep.stats.ExpectedMaxCurve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Draws each chart of the report from its data; each method's figures belong to one section of the page. */
public final class ReportFigures {

    private ReportFigures() {
    }

    public static List<Figure> leaderboard(ReportData data) {
        if (data.leaderboard().stream().noneMatch(LeaderboardEntry::hasAccuracy)) {
            return List.of();
        }
        String caption = "Each dot is a configuration's mean test accuracy over its successful seeds; the bars are "
                + "one standard deviation. The best " + LeaderboardChart.MAX_CONFIGURATIONS + " at most.";
        return List.of(new Figure("fig-leaderboard", caption,
                LeaderboardChart.svg(data.leaderboard(), data.varyingHyperparameters(), "fig-leaderboard")));
    }

    /** One chart per hyperparameter the sweep varied; constant ones are listed in the text instead. */
    public static List<Figure> hyperparameters(ReportData data) {
        List<Figure> figures = new ArrayList<>();
        for (HyperparameterEffect effect : data.effects()) {
            if (effect.constant()) {
                continue;
            }
            String id = "fig-hp-" + figures.size();
            figures.add(new Figure(id, "Mean test accuracy of all successful runs with each value of "
                    + effect.name() + ", whatever the other hyperparameters; bars are one standard deviation.",
                    HyperparameterChart.svg(effect, id)));
        }
        return figures;
    }

    /** Dodge et al. 2019's expected validation performance, on the configurations' mean test accuracies. */
    public static List<Figure> budget(ReportData data) {
        if (data.budget().isEmpty()) {
            return List.of();
        }
        List<ExpectedMaxCurve.Point> points = data.budget().points();
        ExpectedMaxCurve.Point last = points.get(points.size() - 1);
        String caption = "Expected best mean test accuracy had the sweep tried only n of its " + points.size()
                + " configurations, drawn at random (Dodge et al. 2019, \"Show Your Work\", with the empirical "
                + "distribution of the configurations' mean accuracies); the band is one standard deviation. "
                + (points.size() < 2 ? "" : "The last configuration added "
                + Values.decimal(100 * (last.expected() - points.get(points.size() - 2).expected()), 2)
                + " accuracy points in expectation: a curve still rising at the right says a bigger sweep "
                + "would likely find better, a flat one that the sweep's size bought little more.");
        return List.of(new Figure("fig-budget", caption, BudgetChart.svg(data.budget(), "fig-budget")));
    }

    public static List<Figure> learningCurves(ReportData data) {
        if (data.curves().isEmpty()) {
            return List.of();
        }
        List<Figure> figures = new ArrayList<>();
        for (LearningCurveChart.Metric metric : LearningCurveChart.Metric.values()) {
            String id = "fig-curve-" + metric.name().toLowerCase(Locale.ROOT).replace('_', '-');
            figures.add(new Figure(id, "Per-epoch " + metric.title() + " of the top " + data.curves().size()
                    + " configurations: the line is the mean over successful seeds, the band one standard "
                    + "deviation. Seeds that stopped early leave later epochs to fewer seeds.",
                    LearningCurveChart.svg(data.curves(), metric, id)));
        }
        return figures;
    }

    public static List<Figure> confusion(ReportData data) {
        return data.bestConfusion().map(matrix -> {
            String title = "Confusion matrix of the best configuration (" + matrix.total() + " test predictions)";
            return List.of(new Figure("fig-confusion", "Test-set predictions of the best configuration ("
                    + matrix.trialId() + "), summed over its successful seeds. Rows are the true class.",
                    ConfusionHeatmap.svg(matrix, title, "fig-confusion")));
        }).orElse(List.of());
    }

    public static List<Figure> tradeoffs(ReportData data) {
        if (data.tradeoffs().isEmpty()) {
            return List.of();
        }
        List<Figure> figures = new ArrayList<>();
        for (ParetoChart.Cost cost : ParetoChart.Cost.values()) {
            String id = "fig-pareto-" + cost.name().toLowerCase(Locale.ROOT).replace('_', '-');
            figures.add(new Figure(id, "Mean test accuracy against " + cost.axisTitle() + ". The Pareto front "
                    + "joins the configurations that no other one beats on both: cheaper and more accurate.",
                    ParetoChart.svg(data.tradeoffs(), cost, id)));
        }
        return figures;
    }
}
