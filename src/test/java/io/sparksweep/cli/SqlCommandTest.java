package io.sparksweep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksweep.testing.SharedResults;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SharedResults.class)
class SqlCommandTest {

    private static String results;

    @BeforeAll
    static void sharedResults(SharedResults.Folder folder) {
        results = folder.path().toString();
    }

    private static CliRun sql(String query, String... options) {
        String[] args = new String[3 + options.length];
        args[0] = "sql";
        args[1] = query;
        args[2] = "--results=" + results;
        System.arraycopy(options, 0, args, 3, options.length);
        return CliRun.of(args);
    }

    @Test
    void everyViewIsQueryable() {
        String counts = String.join(" UNION ALL ", List.of("runs", "epochs", "classes", "confusion", "trials",
                        "summary", "sweeps", "race", "promotions", "class_summary", "marginals", "budget").stream()
                .map(v -> "SELECT '" + v + "' AS view, count(*) AS n FROM " + v).toList());

        CliRun run = sql(counts, "--format", "csv");

        assertEquals(0, run.exit(), run.err());
        // 16 runs: alpha 4 + 1 failed + 4 + 4 + 1 diverged, beta 2; ok runs have 2 epochs, 2 classes, 4 cells
        assertEquals(List.of("view,n", "runs,16", "epochs,32", "classes,28", "confusion,56", "trials,5",
                "summary,5", "sweeps,2", "race,0", "promotions,0", "class_summary,8", "marginals,10", "budget,4"), run.outLines());
    }

    @Test
    void defaultOutputIsAnAlignedTableWithARowCount() {
        CliRun run = sql("SELECT trial_id, runs_ok, accuracy_mean FROM summary WHERE sweep = 'alpha' "
                + "ORDER BY trial_id");

        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(
                "trial_id  runs_ok  accuracy_mean",
                "--------  -------  -------------",
                "t1              4        0.80125",
                "t2              4        0.90125",
                "t3              4         0.9025",
                "t4              0           NULL",
                "(4 rows)"), run.outLines());
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndLeavesNullsEmpty() {
        CliRun run = sql("SELECT 'a,b' AS text, 'say \"hi\"' AS quoted, 0.1D AS x, CAST(NULL AS STRING) AS missing",
                "--format=csv");

        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("text,quoted,x,missing", "\"a,b\",\"say \"\"hi\"\"\",0.1,"), run.outLines());
    }

    @Test
    void jsonIsAnArrayOfTypedObjectsKeepingNulls() throws IOException {
        CliRun run = sql("SELECT trial_id, runs_ok, accuracy_std, augment, finished FROM summary "
                + "JOIN sweeps ON summary.sweep = sweeps.name WHERE sweep = 'alpha' ORDER BY trial_id",
                "--format", "json");

        assertEquals(0, run.exit(), run.err());
        JsonNode rows = new ObjectMapper().readTree(run.out());
        assertEquals(4, rows.size());
        assertEquals("t1", rows.get(0).get("trial_id").asText());
        assertTrue(rows.get(0).get("runs_ok").isInt());
        assertTrue(rows.get(0).get("accuracy_std").isDouble());
        assertTrue(rows.get(3).get("accuracy_std").isNull(), "t4 has no ok run");
        assertTrue(rows.get(2).get("augment").isBoolean());
        assertEquals("2023-11-14T22:14:20Z", rows.get(0).get("finished").asText());
    }

    @Test
    void outWritesTheResultToAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("summary.csv");

        CliRun run = sql("SELECT trial_id FROM summary WHERE sweep = 'beta'", "--format=csv", "--out", file.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("trial_id", "b1"), Files.readAllLines(file));
        assertTrue(run.out().contains("wrote 1 rows"), run.out());
    }

    @Test
    void aQueryOnAMissingViewIsBadInputWithSparksMessageOnOneLine() {
        CliRun run = sql("SELECT * FROM nosuchview");

        assertEquals(2, run.exit());
        assertTrue(run.oneErrorLine(), run.err());
        assertTrue(run.err().contains("nosuchview") && run.err().contains("TABLE_OR_VIEW_NOT_FOUND"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace");
    }

    @Test
    void aSyntaxErrorIsBadInputOnOneLine() {
        CliRun run = sql("SELEC trial_id FROM runs");

        assertEquals(2, run.exit());
        assertTrue(run.oneErrorLine(), run.err());
        assertTrue(run.err().contains("SELEC"), run.err());
    }

    @Test
    void anUnknownFormatOrAMissingResultsFolderIsBadInputOnOneLine(@TempDir Path dir) {
        CliRun format = sql("SELECT 1", "--format=xml");
        assertEquals(2, format.exit());
        assertTrue(format.oneErrorLine() && format.err().contains("--format"), format.err());

        CliRun missing = CliRun.of("sql", "SELECT 1", "--results", dir.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.oneErrorLine() && missing.err().contains("does not exist"), missing.err());
    }

    @Test
    void helpExplainsEveryOption() {
        CliRun help = CliRun.of("sql", "--help");

        assertEquals(0, help.exit());
        for (String option : List.of("--results", "--format", "--out", "--master", "QUERY")) {
            assertTrue(help.out().contains(option), option + " missing from:\n" + help.out());
        }
    }
}
