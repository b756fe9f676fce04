package io.sparksweep.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Mean accuracy of every configuration against a cost, with the Pareto front joined up and ringed. */
public final class ParetoChart {

    /** What a configuration costs. */
    public enum Cost {
        TRAINING_TIME("mean training time (s)", TradeoffPoint::trainSecondsMean),
        PARAMETERS("trainable parameters", point -> (double) point.parameters());

        final String axisTitle;
        final ToDoubleFunction<TradeoffPoint> value;

        Cost(String axisTitle, ToDoubleFunction<TradeoffPoint> value) {
            this.axisTitle = axisTitle;
            this.value = value;
        }

        public String axisTitle() {
            return axisTitle;
        }

        public ToDoubleFunction<TradeoffPoint> value() {
            return value;
        }
    }

    private ParetoChart() {
    }

    public static String svg(List<TradeoffPoint> points, Cost cost, String idPrefix) {
        List<TradeoffPoint> plotted = points.stream()
                .filter(point -> Double.isFinite(cost.value.applyAsDouble(point))
                        && Double.isFinite(point.accuracyMean()))
                .toList();
        if (plotted.isEmpty()) {
            throw new IllegalArgumentException("no configuration with both accuracy and " + cost.axisTitle);
        }
        List<TradeoffPoint> front = ParetoFront.of(plotted, cost.value);
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title("Test accuracy vs " + cost.axisTitle + ", Pareto front marked")
                .xAxisTitle(cost.axisTitle).yAxisTitle("mean test accuracy").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setYAxisDecimalPattern("0.0%");
        chart.getStyler().setXAxisLogarithmic(HyperparameterChart.logarithmic(
                plotted.stream().map(point -> cost.value.applyAsDouble(point)).toList()));
        if (cost == Cost.PARAMETERS) {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(count -> Values.compactCount(Math.round(count)));
        }

        XYSeries all = chart.addSeries("configurations", xs(plotted, cost), ys(plotted));
        all.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        all.setMarker(SeriesMarkers.CIRCLE);
        all.setMarkerColor(new Color(150, 150, 150));

        XYSeries pareto = chart.addSeries("Pareto front (" + front.size() + ")", xs(front, cost), ys(front));
        pareto.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        pareto.setMarker(SeriesMarkers.DIAMOND);
        pareto.setMarkerColor(ChartStyle.series(1));
        pareto.setLineColor(ChartStyle.series(1));
        return ChartSvg.render(chart, idPrefix);
    }

    private static List<Double> xs(List<TradeoffPoint> points, Cost cost) {
        return points.stream().map(point -> cost.value.applyAsDouble(point)).toList();
    }

    private static List<Double> ys(List<TradeoffPoint> points) {
        return points.stream().map(TradeoffPoint::accuracyMean).toList();
    }
}
