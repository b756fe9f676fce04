package io.sparksweep.report;

import io.sparksweep.store.ResultsRoot;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;

/** {@code report SWEEP}: reads one sweep's tables and writes the HTML report and the notebook beside each other. */
public final class SweepReport {

    public static final String HTML_FILE = "report.html";
    public static final String NOTEBOOK_FILE = "report.ipynb";

    private SweepReport() {
    }

    /**
     * @param outRoot files go to {@code <outRoot>/<sweep>/}
     * @param top     configurations that get learning curves
     * @throws ReportInputException when the sweep or one of its tables is not there
     */
    public static ReportFiles write(SparkSession spark, Path resultsRoot, String sweep, Path outRoot, int top,
                                    Clock clock) {
        return write(spark, ResultsRoot.of(resultsRoot), sweep, outRoot, top, clock);
    }

    /**
     * Reads the sweep's tables from any Hadoop file system; writes the report to a local folder.
     *
     * @param outRoot files go to {@code <outRoot>/<sweep>/}
     * @param top     configurations that get learning curves
     * @throws ReportInputException when the sweep or one of its tables is not there
     */
    public static ReportFiles write(SparkSession spark, ResultsRoot resultsRoot, String sweep, Path outRoot, int top,
                                    Clock clock) {
        if (!ReportTables.sweepExists(resultsRoot, sweep, spark.sparkContext().hadoopConfiguration())) {
            throw new ReportInputException("no sweep '" + sweep + "' in " + resultsRoot
                    + " (no " + resultsRoot.sweepLocation(sweep) + "/" + ReportTables.SUMMARY + ")");
        }
        ReportData data = new ReportDataLoader(ReportTables.openViews(spark, resultsRoot, sweep),
                io.sparksweep.store.SweepResults.open(spark, resultsRoot, sweep)).load(top);
        return write(data, resultsRoot.sweepFolder(sweep), sweep, outRoot, top, clock);
    }

    /**
     * Writes the files of already loaded data.
     *
     * @param sweepDir where {@code data} was read from, for the notebook to read it again
     * @param top      the {@code top} {@code data} was loaded with
     */
    public static ReportFiles write(ReportData data, Path sweepDir, Path outRoot, int top, Clock clock) {
        Path folder = sweepDir.toAbsolutePath().normalize();
        return write(data, folder.toString(), folder.getFileName().toString(), outRoot, top, clock);
    }

    private static ReportFiles write(ReportData data, String sweepLocation, String sweep, Path outRoot, int top,
                                     Clock clock) {
        Path outDir = outRoot.resolve(sweep);
        Path html = outDir.resolve(HTML_FILE);
        Path notebook = outDir.resolve(NOTEBOOK_FILE);
        try {
            Files.createDirectories(outDir);
            writeAtomically(html, HtmlReport.render(data, clock.instant()));
            writeAtomically(notebook, NotebookExport.json(NotebookExport.build(data, sweepLocation, outDir, top)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + outDir, e);
        }
        return new ReportFiles(html, notebook);
    }

    /** A reader (a browser reloading, Jupyter) never sees a half-written file. */
    private static void writeAtomically(Path target, String content) throws IOException {
        // Not createTempFile: its owner-only permissions would stay on the report after the move.
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
