package io.sparksweep.report;

import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns an XChart chart into an {@code <svg>} element that can be inlined in an HTML page. */
public final class ChartSvg {

    private static final Pattern SVG_START = Pattern.compile("<svg\\b");
    private static final Pattern ID = Pattern.compile("id=\"([^\"]+)\"");
    private static final Pattern LONG_DECIMAL = Pattern.compile("(\\d\\.\\d{2})\\d+");

    private ChartSvg() {
    }

    /**
     * @param idPrefix unique per chart on the page: the encoder names its clip paths from hash codes, and two
     *                 inline SVGs sharing an id would clip each other's plots
     */
    public static String render(Chart<?, ?> chart, String idPrefix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inline(out.toString(StandardCharsets.UTF_8), idPrefix);
    }

    /**
     * Drops the XML prolog and DOCTYPE (the DOCTYPE names a DTD on the web), makes every id unique, and cuts
     * coordinates to hundredths of a pixel: the encoder writes text as glyph outlines with up to 16 decimals,
     * which doubles the page's size for no visible difference.
     */
    static String inline(String svgDocument, String idPrefix) {
        Matcher start = SVG_START.matcher(svgDocument);
        if (!start.find()) {
            throw new IllegalArgumentException("no <svg> element in the encoder's output");
        }
        String svg = LONG_DECIMAL.matcher(svgDocument.substring(start.start()).strip()).replaceAll("$1");
        Set<String> ids = new LinkedHashSet<>();
        Matcher id = ID.matcher(svg);
        while (id.find()) {
            ids.add(id.group(1));
        }
        String result = svg;
        for (String original : ids) {
            String unique = idPrefix + "-" + original;
            result = result.replace("id=\"" + original + "\"", "id=\"" + unique + "\"")
                    .replace("url(#" + original + ")", "url(#" + unique + ")")
                    .replace("href=\"#" + original + "\"", "href=\"#" + unique + "\"");
        }
        return result;
    }
}
