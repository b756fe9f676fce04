package io.sparksweep.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Validation curves of the top configurations: the mean over seeds as a line, one standard deviation as a band. */
public final class LearningCurveChart {

    /** Which per-epoch metric a chart plots. */
    public enum Metric {
        VALIDATION_ACCURACY("validation accuracy", "0.0%", EpochStats::valAccuracyMean, EpochStats::valAccuracyStd),
        VALIDATION_LOSS("validation loss", "0.000", EpochStats::valLossMean, EpochStats::valLossStd);

        final String title;
        final String decimalPattern;
        final ToDoubleFunction<EpochStats> mean;
        final ToDoubleFunction<EpochStats> std;

        Metric(String title, String decimalPattern, ToDoubleFunction<EpochStats> mean,
               ToDoubleFunction<EpochStats> std) {
            this.title = title;
            this.decimalPattern = decimalPattern;
            this.mean = mean;
            this.std = std;
        }

        public String title() {
            return title;
        }
    }

    private LearningCurveChart() {
    }

    public static String svg(List<LearningCurve> curves, Metric metric, String idPrefix) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("no learning curves");
        }
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT + 40)
                .title(capitalized(metric.title) + " of the top " + curves.size() + " (mean \u00b1 std over seeds)")
                .xAxisTitle("epoch").yAxisTitle(metric.title).build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setYAxisDecimalPattern(metric.decimalPattern);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        for (int i = 0; i < curves.size(); i++) {
            addBand(chart, curves.get(i), metric, i);
        }
        for (int i = 0; i < curves.size(); i++) {
            addMean(chart, curves.get(i), metric, i);
        }
        return ChartSvg.render(chart, idPrefix);
    }

    /** Bands go in first so every mean line is drawn on top of all of them. */
    private static void addBand(XYChart chart, LearningCurve curve, Metric metric, int index) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<EpochStats> epochs = curve.epochs();
        for (EpochStats epoch : epochs) {
            x.add((double) epoch.epoch());
            y.add(metric.mean.applyAsDouble(epoch) + spread(epoch, metric));
        }
        for (int i = epochs.size() - 1; i >= 0; i--) {
            x.add((double) epochs.get(i).epoch());
            y.add(metric.mean.applyAsDouble(epochs.get(i)) - spread(epochs.get(i), metric));
        }
        XYSeries band = chart.addSeries("band #" + curve.rank(), x, y);
        band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(ChartStyle.band(index));
        band.setLineColor(ChartStyle.band(index));
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
    }

    private static void addMean(XYChart chart, LearningCurve curve, Metric metric, int index) {
        XYSeries mean = chart.addSeries("#" + curve.rank() + " " + curve.label(),
                curve.epochs().stream().map(epoch -> (double) epoch.epoch()).toList(),
                curve.epochs().stream().map(epoch -> metric.mean.applyAsDouble(epoch)).toList());
        mean.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        mean.setLineColor(ChartStyle.series(index));
        mean.setMarkerColor(ChartStyle.series(index));
        mean.setMarker(SeriesMarkers.CIRCLE);
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static double spread(EpochStats epoch, Metric metric) {
        return LeaderboardChart.zeroIfNaN(metric.std.applyAsDouble(epoch));
    }
}
