package io.sparksweep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query side on Parquet written by a real sweep (real training), not by a fixture. */
class RealSweepQueriesTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void runTinySweep() throws IOException {
        LocalSpark.session();
        Path spec = dir.resolve("real.yaml");
        Files.writeString(spec, "name: real\ndata: {path: '" + ProjectPaths.fashionMnist()
                + "', trainLimit: 300, testLimit: 100, validationFraction: 0.2}\n"
                + "model: stride\nspace: {stride: [1, 2], batchSize: 50}\nrepeats: 2\ntraining: {maxEpochs: 1}\n");
        CliRun run = CliRun.of("run", spec.toString(), "--results", dir.resolve("results").toString());
        assertEquals(0, run.exit(), run.err());
    }

    private static CliRun sql(String query) {
        return CliRun.of("sql", query, "--results", dir.resolve("results").toString(), "--format", "json");
    }

    private static long count(String query) throws IOException {
        CliRun r = sql(query);
        assertEquals(0, r.exit(), query + ": " + r.err());
        return new ObjectMapper().readTree(r.out()).get(0).get("n").asLong();
    }

    @Test
    void everyViewAnswersSql() throws IOException {
        List<String> views = List.of("runs", "epochs", "summary", "classes", "confusion", "trials", "sweeps",
                "class_summary", "marginals", "budget");
        for (String view : views) {
            assertTrue(count("SELECT count(*) AS n FROM " + view) > 0, view + " is empty");
        }
        assertEquals(4, count("SELECT count(*) AS n FROM runs WHERE status = 'ok'"));
        assertEquals(4 * 10, count("SELECT count(*) AS n FROM classes"), "one row per class of every ok run");
    }

    @Test
    void trialsCarryTheReferenceParameterCounts() {
        CliRun r = sql("SELECT stride, parameters FROM trials ORDER BY stride");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("3909430") && r.out().contains("237430"), r.out());
    }

    @Test
    void reportAndNotebookAreWrittenForTheRealSweep() throws IOException {
        Path out = dir.resolve("export");
        CliRun r = CliRun.of("report", "real", "--results", dir.resolve("results").toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        String html = Files.readString(out.resolve("real/report.html"));
        assertTrue(html.contains("<svg"), "charts are inline SVG");
        JsonNode notebook = new ObjectMapper().readTree(out.resolve("real/report.ipynb").toFile());
        assertEquals(4, notebook.get("nbformat").asInt());
        assertTrue(notebook.get("cells").size() > 3);
    }
}
