package io.sparksweep.report;

/**
 * One chart of the report.
 *
 * @param id      anchor of the figure in the page, also the prefix of the SVG's internal ids
 * @param caption plain text; escaped when written
 * @param svg     inline {@code <svg>} element, trusted markup from {@link ChartSvg}
 */
public record Figure(String id, String caption, String svg) {
}
