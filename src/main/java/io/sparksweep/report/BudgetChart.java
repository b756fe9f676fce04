package io.sparksweep.report;

import io.sparksweep.stats.ExpectedMaxCurve;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.List;

/** Expected best mean test accuracy against the number of configurations tried, with one std as a band. */
public final class BudgetChart {

    private BudgetChart() {
    }

    public static String svg(ExpectedMaxCurve curve, String idPrefix) {
        List<ExpectedMaxCurve.Point> points = curve.points();
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no configuration has a successful run");
        }
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title("Expected best test accuracy vs configurations tried")
                .xAxisTitle("configurations tried").yAxisTitle("expected best mean test accuracy").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisDecimalPattern("0.0%");
        chart.getStyler().setXAxisDecimalPattern("0");
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        points.forEach(p -> {
            x.add((double) p.configurations());
            y.add(p.expected() + p.std());
        });
        for (int i = points.size() - 1; i >= 0; i--) {
            x.add((double) points.get(i).configurations());
            y.add(points.get(i).expected() - points.get(i).std());
        }
        XYSeries band = chart.addSeries("\u00b1 std", x, y);
        band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(ChartStyle.band(0));
        band.setLineColor(ChartStyle.band(0));
        band.setMarker(SeriesMarkers.NONE);
        XYSeries mean = chart.addSeries("expected best",
                points.stream().map(p -> (double) p.configurations()).toList(),
                points.stream().map(ExpectedMaxCurve.Point::expected).toList());
        mean.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        mean.setLineColor(ChartStyle.series(0));
        mean.setMarkerColor(ChartStyle.series(0));
        mean.setMarker(points.size() <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return ChartSvg.render(chart, idPrefix);
    }
}
