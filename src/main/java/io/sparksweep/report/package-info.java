/**
 * The report of one finished sweep ({@link io.sparksweep.report.SweepReport}): a self-contained HTML page
 * ({@link io.sparksweep.report.HtmlReport}) and a Jupyter notebook ({@link io.sparksweep.report.NotebookExport}) that
 * run the same SQL ({@link io.sparksweep.report.ReportQueries}) over the sweep's tables. The rows become
 * {@link io.sparksweep.report.ReportData} ({@link io.sparksweep.report.ReportDataLoader}), then charts drawn as
 * inline SVG ({@link io.sparksweep.report.ReportFigures}) and tables.
 *
 * <p>May import: {@code store}, {@code stats}, {@code run}.
 */
package io.sparksweep.report;
