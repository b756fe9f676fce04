package io.sparksweep.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;

import java.util.List;

/** Mean test accuracy of the best configurations with one standard deviation over seeds as error bars. */
public final class LeaderboardChart {

    /** More configurations than this make unreadable axis labels; the table below the chart lists them all. */
    public static final int MAX_CONFIGURATIONS = 20;
    private static final int MAX_LABEL = 64;
    /** Up to this many configurations fit their names on the axis; beyond it the axis shows ranks only. */
    static final int MAX_NAMED = 8;

    private LeaderboardChart() {
    }

    /** @param leaderboard best first; entries without a successful run are left out */
    /** @param labelBy hyperparameters that name a configuration on the axis */
    public static String svg(List<LeaderboardEntry> leaderboard, List<String> labelBy, String idPrefix) {
        List<LeaderboardEntry> shown = leaderboard.stream().filter(LeaderboardEntry::hasAccuracy)
                .limit(MAX_CONFIGURATIONS).toList();
        if (shown.isEmpty()) {
            throw new IllegalArgumentException("no configuration has a successful run");
        }
        CategoryChart chart = new CategoryChartBuilder().width(ChartStyle.WIDE).height(ChartStyle.HEIGHT + 60)
                .title("Test accuracy by configuration (mean \u00b1 std over seeds)")
                .xAxisTitle(shown.size() <= MAX_NAMED ? "configuration (rank)" : "rank (configurations in the table)")
                .yAxisTitle("test accuracy").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(shown.size() <= MAX_NAMED ? 25 : 0);
        chart.getStyler().setYAxisDecimalPattern("0.0%");
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
        chart.addSeries("accuracy",
                shown.stream().map(entry -> shown.size() <= MAX_NAMED ? axisLabel(entry, labelBy) : "#" + entry.rank())
                        .toList(),
                shown.stream().map(LeaderboardEntry::accuracyMean).toList(),
                shown.stream().map(entry -> zeroIfNaN(entry.accuracyStd())).toList());
        return ChartSvg.render(chart, idPrefix);
    }

    static String axisLabel(LeaderboardEntry entry, List<String> labelBy) {
        String label = "#" + entry.rank() + " " + entry.label(labelBy);
        return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "\u2026";
    }

    /** A single successful seed has no spread to draw. */
    static double zeroIfNaN(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
