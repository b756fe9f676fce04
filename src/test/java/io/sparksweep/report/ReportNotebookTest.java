package io.sparksweep.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.sparksweep.stats.Ranking;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exported notebook: valid nbformat 4.5 JSON whose cells re-run the report's own queries. */
class ReportNotebookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SWEEP_DIR = Path.of("/data/results/demo");
    private static final Path NOTEBOOK_DIR = Path.of("/data/notebooks-export/demo");

    private final ObjectNode notebook = NotebookExport.build(SampleReportData.create(), SWEEP_DIR, NOTEBOOK_DIR, 4);

    @Test
    void isNbformat4WithTheRequiredFieldsOnEveryCell() throws IOException {
        JsonNode parsed = JSON.readTree(NotebookExport.json(notebook));
        assertEquals(4, parsed.get("nbformat").asInt());
        assertEquals(5, parsed.get("nbformat_minor").asInt());
        assertTrue(parsed.get("metadata").get("kernelspec").has("name"));
        Set<String> ids = new HashSet<>();
        for (JsonNode cell : parsed.get("cells")) {
            assertTrue(cell.has("cell_type") && cell.has("source") && cell.get("metadata").isObject(), cell::toString);
            assertTrue(ids.add(cell.get("id").asText()), "cell ids are unique");
            if (cell.get("cell_type").asText().equals("code")) {
                assertTrue(cell.get("outputs").isArray() && cell.get("outputs").isEmpty());
                assertTrue(cell.has("execution_count") && cell.get("execution_count").isNull());
            }
        }
    }

    @Test
    void validatesAgainstTheNbformatSchema() throws IOException {
        JsonNode parsed = JSON.readTree(NotebookExport.json(notebook));
        assertEquals(Set.of(), schema().validate(parsed));
    }

    /** The schema check above would be worthless if it let a broken notebook through. */
    @Test
    void schemaRejectsACodeCellWithoutOutputs() throws IOException {
        ObjectNode broken = (ObjectNode) JSON.readTree(NotebookExport.json(notebook));
        StreamSupport.stream(broken.get("cells").spliterator(), false)
                .filter(cell -> cell.get("cell_type").asText().equals("code")).findFirst()
                .map(cell -> ((ObjectNode) cell).remove("outputs"));
        Set<ValidationMessage> errors = schema().validate(broken);
        assertFalse(errors.isEmpty(), "a code cell without outputs passed the schema");
    }

    @Test
    void setupLoadsEveryTableWithPySparkFromTheSweepFolder() {
        String setup = source("setup");
        assertTrue(setup.contains("from pyspark.sql import SparkSession"));
        assertTrue(setup.contains("SWEEP_DIR = \"/data/results/demo\""), setup);
        assertTrue(setup.contains("SWEEP_DIR = \"../../results/demo\""), "relative fallback: " + setup);
        assertTrue(setup.contains("TABLES = [\"runs\",\"epochs\",\"classes\",\"confusion\",\"trials\",\"summary\","
                + "\"sweep\"]"), setup);
        assertTrue(setup.contains("createOrReplaceTempView(table)"));
        assertTrue(setup.contains("HYPERPARAMETERS = [\"learning_rate\"]"));
        assertTrue(setup.contains("TOP = 4"));
    }

    /** Every query the report runs is in the notebook verbatim, so the two cannot drift apart. */
    @Test
    void everyReportQueryIsInTheNotebookVerbatim() throws IllegalAccessException {
        String code = String.join("\n", StreamSupport.stream(notebook.get("cells").spliterator(), false)
                .filter(cell -> cell.get("cell_type").asText().equals("code"))
                .map(cell -> text(cell.get("source"))).toList());
        int queries = 0;
        for (Field field : ReportQueries.class.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers()) && field.getType() == String.class) {
                String sql = (String) field.get(null);
                assertTrue(code.contains("\"\"\"\n" + sql + "\n\"\"\""), field.getName() + " is not in the notebook");
                queries++;
            }
        }
        assertEquals(10, queries, "a query was added or removed; keep this count and the notebook in step");
    }

    /**
     * The ranking cell holds the sweep's one ranking as data (the report's, which is {@code best}'s), not a Python
     * rule of its own: the same trials in the same order with the same verdicts and p-values.
     */
    @Test
    void theRankingCellHoldsTheSweepsRankingNotARuleOfItsOwn() throws IOException {
        String code = source("ranking");
        assertFalse(code.contains("ttest") || code.contains("scipy"), "no test recomputed in Python: " + code);
        String json = code.substring(code.indexOf("RANKING_JSON = \"\"\"\n") + 19, code.indexOf("\n\"\"\"\nranking ="));
        JsonNode rows = JSON.readTree(json);
        Ranking ranking = SampleReportData.create().ranking();
        assertEquals(ranking.entries().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Ranking.Entry entry = ranking.entries().get(i);
            assertEquals(entry.trialId(), rows.get(i).get("trial_id").asText());
            assertEquals(Ranking.verdictText(entry.verdict()), rows.get(i).get("verdict").asText());
            if (Double.isFinite(entry.adjustedP())) {
                assertEquals(entry.adjustedP(), rows.get(i).get("p_holm").asDouble(), 0);
            } else {
                assertTrue(rows.get(i).get("p_holm").isNull(), "NaN is null in JSON, NaN again in pandas");
            }
        }
        assertTrue(code.contains("print(" + NotebookCode.literal(ranking.conclusion()) + ")"), code);
    }

    @Test
    void introNamesTheSweep() {
        assertTrue(source("intro").startsWith("# Sweep `demo \"sweep\"`: analysis"));
    }

    @Test
    void sourceKeepsOneStringPerLine() {
        JsonNode source = cell("setup").get("source");
        assertTrue(source.size() > 5);
        for (int i = 0; i < source.size() - 1; i++) {
            assertTrue(source.get(i).asText().endsWith("\n"));
            assertEquals(1, source.get(i).asText().split("\n", -1).length - 1, "one newline per line");
        }
        assertFalse(source.get(source.size() - 1).asText().endsWith("\n"));
    }

    private static JsonSchema schema() throws IOException {
        try (InputStream in = ReportNotebookTest.class.getResourceAsStream("/nbformat/nbformat.v4.5.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    private String source(String cellId) {
        return text(cell(cellId).get("source"));
    }

    private JsonNode cell(String cellId) {
        return StreamSupport.stream(notebook.get("cells").spliterator(), false)
                .filter(cell -> cell.get("id").asText().equals(cellId)).findFirst().orElseThrow();
    }

    private static String text(JsonNode source) {
        return String.join("", StreamSupport.stream(source.spliterator(), false).map(JsonNode::asText).toList());
    }
}
