package io.sparksweep.report;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The best configuration's confusion matrix: actual class down, predicted class across, counts in the cells. */
public final class ConfusionHeatmap {

    /** Stops short of dark blue so the black counts stay readable in the fullest cells. */
    private static final Color[] WHITE_TO_BLUE = {new Color(247, 251, 255), new Color(158, 202, 225),
            new Color(66, 146, 198)};
    private static final Font VALUES = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    /** Above this many classes the printed counts overlap. */
    static final int MAX_CLASSES_WITH_COUNTS = 20;

    private ConfusionHeatmap() {
    }

    public static String svg(ConfusionMatrix matrix, String title, String idPrefix) {
        int classes = matrix.classNames().size();
        HeatMapChart chart = new HeatMapChartBuilder().width(720).height(680)
                .title(title).xAxisTitle("predicted").yAxisTitle("actual").build();
        ChartStyle.apply(chart.getStyler());
        // The counts are printed in the cells, which says more than a colour scale, while they fit.
        chart.getStyler().setLegendVisible(classes > MAX_CLASSES_WITH_COUNTS);
        chart.getStyler().setShowValue(classes <= MAX_CLASSES_WITH_COUNTS);
        chart.getStyler().setValueFont(VALUES);
        chart.getStyler().setRangeColors(WHITE_TO_BLUE);
        chart.getStyler().setHeatMapValueDecimalPattern("0");
        chart.getStyler().setXAxisLabelRotation(40);
        chart.getStyler().setPlotContentSize(1.0);
        // The heat map counts its y axis upwards; reversing the rows puts the first class at the top, as in
        // every printed confusion matrix.
        List<String> actual = new ArrayList<>(matrix.classNames());
        Collections.reverse(actual);
        List<Number[]> cells = new ArrayList<>();
        for (int actualClass = 0; actualClass < classes; actualClass++) {
            for (int predictedClass = 0; predictedClass < classes; predictedClass++) {
                cells.add(new Number[] {predictedClass, classes - 1 - actualClass,
                        matrix.counts()[actualClass][predictedClass]});
            }
        }
        chart.addSeries("count", matrix.classNames(), actual, cells);
        return ChartSvg.render(chart, idPrefix);
    }
}
