package io.sparksweep.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;

/**
 * A Jupyter notebook (nbformat 4.5) that loads the sweep's Parquet tables with PySpark and re-runs, cell by cell,
 * the query behind each chart of the report, so an analyst continues where the report stops. The queries are
 * the {@link ReportQueries} strings themselves, so notebook and report cannot drift apart.
 */
public final class NotebookExport {

    public static final int NBFORMAT = 4;
    /** 4.5 is the first minor with cell ids, which JupyterLab otherwise adds and marks the file changed. */
    public static final int NBFORMAT_MINOR = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArrayNode cells = JSON.createArrayNode();

    private NotebookExport() {
    }

    /**
     * @param sweepDir    the sweep's table folder, absolute
     * @param notebookDir where the notebook will be written, for a relative fallback path to the tables
     * @param top         configurations in the learning-curve query, as in the report
     */
    public static ObjectNode build(ReportData data, Path sweepDir, Path notebookDir, int top) {
        return build(data, sweepDir.toAbsolutePath().normalize().toString(), notebookDir, top);
    }

    /**
     * @param sweepLocation the sweep's table folder: an absolute local path, or a Hadoop URI such as
     *                      {@code hdfs://nn:8020/sweeps/quick} (then the notebook has no relative fallback)
     */
    public static ObjectNode build(ReportData data, String sweepLocation, Path notebookDir, int top) {
        NotebookExport notebook = new NotebookExport();
        notebook.addCells(data, sweepLocation, notebookDir.toAbsolutePath().normalize(), top);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode metadata = root.putObject("metadata");
        metadata.putObject("kernelspec").put("name", "python3").put("display_name", "Python 3 (PySpark)")
                .put("language", "python");
        metadata.putObject("language_info").put("name", "python");
        metadata.putObject("sparksweep").put("sweep", data.sweep().name()).put("spec_hash", data.sweep().specHash());
        root.put("nbformat", NBFORMAT);
        root.put("nbformat_minor", NBFORMAT_MINOR);
        root.set("cells", notebook.cells);
        return root;
    }

    public static String json(ObjectNode notebook) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(notebook) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notebook tree always serialises", e);
        }
    }

    private void addCells(ReportData data, String sweepLocation, Path notebookDir, int top) {
        String sweep = data.sweep().name();
        markdown("intro", "# Sweep `" + sweep + "`: analysis\n\n"
                + "This notebook loads the Parquet tables of sweep **" + sweep + "** with PySpark and re-runs the "
                + "query behind each chart of `report.html` (beside this file). Each query is the exact Spark SQL "
                + "the report ran, over temporary views named like the tables: "
                + String.join(", ", ReportTables.ALL.stream().map(table -> "`" + table + "`").toList()) + ".\n\n"
                + "Needs `pyspark`, `pandas`, `matplotlib` and `scipy`.");
        String relative = sweepLocation.startsWith("/")
                ? notebookDir.relativize(Path.of(sweepLocation)).toString() : sweepLocation;
        code("setup", NotebookCode.setup(sweepLocation, relative, data.hyperparameters(), top));
        markdown("leaderboard-md", "## Leaderboard\nEvery configuration, best mean test accuracy first; "
                + "error bars are one standard deviation over seeds.");
        code("leaderboard", NotebookCode.leaderboard());
        markdown("ranking-md", "## The ranking and what the sweep's size bought\nThe sweep's ranking exactly as "
                + "`sparksweep best` and the report give it (" + data.ranking().column() + " chooses; each trial against "
                + "the leader, Holm over all pairs), written here when the notebook was exported, and the expected "
                + "test accuracy of the configuration the ranking would pick after n configurations.");
        code("ranking", NotebookCode.ranking(data.ranking(), data.budget()));
        markdown("hyperparameters-md", "## Accuracy vs each hyperparameter\nMean test accuracy of all successful "
                + "runs with each value, whatever the other hyperparameters.");
        code("hyperparameters", NotebookCode.hyperparameters());
        markdown("curves-md", "## Learning curves\nPer-epoch mean over the successful seeds of the top `TOP` "
                + "configurations, with a band of one standard deviation.");
        code("curves", NotebookCode.learningCurves());
        markdown("confusion-md", "## Confusion matrix of the best configuration\nSummed over its successful seeds.");
        code("confusion", NotebookCode.confusion());
        markdown("tradeoffs-md", "## Accuracy vs cost\nThe Pareto front joins the configurations that no other "
                + "one beats on both counts: cheaper and more accurate.");
        code("tradeoffs", NotebookCode.tradeoffs());
        markdown("provenance-md", "## Spec and provenance\nThe spec that was run, the runs that failed or "
                + "diverged, and where the runs were made.");
        code("provenance", NotebookCode.provenance());
    }

    private void markdown(String id, String text) {
        ObjectNode cell = cells.addObject();
        cell.put("cell_type", "markdown").put("id", id);
        cell.putObject("metadata");
        cell.set("source", lines(text));
    }

    private void code(String id, String text) {
        ObjectNode cell = cells.addObject();
        cell.put("cell_type", "code").put("id", id);
        cell.putObject("metadata");
        cell.putNull("execution_count");
        cell.putArray("outputs");
        cell.set("source", lines(text));
    }

    /** Jupyter's own layout: one string per line, each but the last keeping its newline, for line-wise diffs. */
    static ArrayNode lines(String text) {
        ArrayNode lines = JSON.createArrayNode();
        List<String> split = List.of(text.stripTrailing().split("\n", -1));
        for (int i = 0; i < split.size(); i++) {
            lines.add(i < split.size() - 1 ? split.get(i) + "\n" : split.get(i));
        }
        return lines;
    }
}
