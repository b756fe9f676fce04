package io.sparksweep.report;

import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.util.List;

/** The one look shared by every chart of the report, so the page reads as a whole. */
public final class ChartStyle {

    /** Charts shown two abreast. */
    public static final int WIDTH = 620;
    public static final int HEIGHT = 400;
    /** Charts that have a row to themselves. */
    public static final int WIDE = 900;

    /** Colour-blind-safe (Okabe-Ito) series colours, in rank order. */
    public static final List<Color> SERIES = List.of(new Color(0, 114, 178), new Color(213, 94, 0),
            new Color(0, 158, 115), new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233),
            new Color(117, 112, 179), new Color(0, 0, 0));

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ChartStyle() {
    }

    public static Color series(int index) {
        return SERIES.get(index % SERIES.size());
    }

    /** The same colour, see-through, for a band around a line. */
    public static Color band(int index) {
        Color line = series(index);
        return new Color(line.getRed(), line.getGreen(), line.getBlue(), 56);
    }

    public static void apply(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setChartTitleFont(TITLE);
        styler.setChartTitleBoxVisible(false);
        styler.setAxisTitleFont(AXIS_TITLE);
        styler.setAxisTickLabelsFont(TICKS);
        styler.setLegendFont(LEGEND);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setSeriesColors(SERIES.toArray(new Color[0]));
        styler.setErrorBarsColorSeriesColor(true);
        styler.setMarkerSize(7);
        styler.setAntiAlias(true);
    }
}
