package io.sparksweep.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.AxesChartStyler;

import java.util.List;

/**
 * Test accuracy against one hyperparameter, averaged over every run that used each value. Numbers get a numeric
 * axis (logarithmic when they span orders of magnitude, as learning rates do); other values are categories.
 */
public final class HyperparameterChart {

    /** A numeric axis becomes logarithmic when its largest value is at least this many times its smallest. */
    static final double LOG_AXIS_RATIO = 20;

    private HyperparameterChart() {
    }

    public static String svg(HyperparameterEffect effect, String idPrefix) {
        if (effect.points().isEmpty()) {
            throw new IllegalArgumentException("no successful run for " + effect.name());
        }
        String title = "Test accuracy vs " + effect.name() + " (mean \u00b1 std over runs)";
        List<Double> means = effect.points().stream().map(EffectPoint::accuracyMean).toList();
        List<Double> errors = effect.points().stream()
                .map(point -> LeaderboardChart.zeroIfNaN(point.accuracyStd())).toList();
        if (effect.numeric()) {
            XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT).title(title)
                    .xAxisTitle(effect.name()).yAxisTitle("test accuracy").build();
            style(chart.getStyler());
            List<Double> values = effect.points().stream()
                    .map(point -> ((Number) point.value()).doubleValue()).toList();
            chart.getStyler().setXAxisLogarithmic(logarithmic(values));
            chart.addSeries(effect.name(), values, means, errors).setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            return ChartSvg.render(chart, idPrefix);
        }
        CategoryChart chart = new CategoryChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(title).xAxisTitle(effect.name()).yAxisTitle("test accuracy").build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
        chart.addSeries(effect.name(), effect.points().stream().map(point -> Values.format(point.value())).toList(),
                means, errors);
        return ChartSvg.render(chart, idPrefix);
    }

    static boolean logarithmic(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return min > 0 && max / min >= LOG_AXIS_RATIO;
    }

    private static void style(AxesChartStyler styler) {
        ChartStyle.apply(styler);
        styler.setLegendVisible(false);
        styler.setYAxisDecimalPattern("0.0%");
    }
}
