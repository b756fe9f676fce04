package io.sparksweep.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Charts drawn by XChart, without Spark: what the page inlines must stand alone and not collide. */
class ReportChartSvgTest {

    private static final String ENCODER_OUTPUT = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <svg viewBox="0 0 10 10"><defs><clipPath id="clip1"><rect/></clipPath></defs>
            <g clip-path="url(#clip1)"><path d="M-6.5625,-0.140625 L12.0,3.14159"/></g><use href="#clip1"/></svg>
            """;

    @Test
    void inliningDropsTheDocumentPrologAndPrefixesIds() {
        String svg = ChartSvg.inline(ENCODER_OUTPUT, "fig-a");
        assertTrue(svg.startsWith("<svg "));
        assertFalse(svg.contains("DOCTYPE") || svg.contains("<?xml"));
        assertTrue(svg.contains("id=\"fig-a-clip1\""));
        assertTrue(svg.contains("url(#fig-a-clip1)"));
        assertTrue(svg.contains("href=\"#fig-a-clip1\""));
        assertFalse(svg.contains("\"clip1\"") || svg.contains("(#clip1)"));
    }

    @Test
    void inliningCutsCoordinatesToHundredths() {
        assertTrue(ChartSvg.inline(ENCODER_OUTPUT, "f").contains("d=\"M-6.56,-0.14 L12.0,3.14\""));
    }

    @Test
    void everyChartRendersAnSvgWithItsTitleDrawn() {
        ReportData data = SampleReportData.create();
        List<Figure> figures = new ArrayList<>();
        figures.addAll(ReportFigures.leaderboard(data));
        figures.addAll(ReportFigures.hyperparameters(data));
        figures.addAll(ReportFigures.learningCurves(data));
        figures.addAll(ReportFigures.confusion(data));
        figures.addAll(ReportFigures.tradeoffs(data));
        assertEquals(1 + 1 + 2 + 1 + 2, figures.size());
        for (Figure figure : figures) {
            assertTrue(figure.svg().startsWith("<svg "), figure.id());
            assertTrue(figure.svg().endsWith("</svg>"), figure.id());
            // XChart draws text as outlines, one path per string: title, axis titles and tick labels.
            assertTrue(ReportSweepTest.count(figure.svg(), "<path ") >= 10, figure.id());
            assertTrue(figure.id().equals("fig-confusion") || ChartStyle.SERIES.stream().anyMatch(colour ->
                            figure.svg().contains("rgb(" + colour.getRed() + "," + colour.getGreen() + ","
                                    + colour.getBlue() + ")")),
                    figure.id() + " draws nothing in a series colour");
        }
    }

    @Test
    void logarithmicAxisOnlyForPositiveValuesSpanningOrdersOfMagnitude() {
        assertTrue(HyperparameterChart.logarithmic(List.of(0.001, 0.01, 0.1)));
        assertFalse(HyperparameterChart.logarithmic(List.of(32.0, 64.0, 128.0)));
        assertFalse(HyperparameterChart.logarithmic(List.of(0.0, 0.5)));
    }
}
