package io.sparksweep.cli;

import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.TestResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A published table file damaged after the fact (a disk error, someone's hand): every command that reads the table
 * ends with one line naming the file and what to do, exit 2, never a Spark stack trace.
 */
class DamagedTableCommandTest {

    @TempDir
    Path dir;

    @Test
    void aTableFileOfGarbageIsOneLineNamingItAndExitTwoForSqlBestReportAndRerun() throws IOException {
        Path results = dir.resolve("results");
        TestResults.write(LocalSpark.session(), results);
        Path runs = onlyFile(results.resolve(TestResults.ALPHA).resolve("runs"));
        Files.write(runs, "these bytes were a Parquet file once\n".repeat(40).getBytes(StandardCharsets.UTF_8));

        String root = results.toString();
        for (List<String> args : List.of(
                List.of("sql", "SELECT count(*) AS n FROM runs", "--results", root),
                List.of("best", TestResults.ALPHA, "--results", root),
                List.of("report", TestResults.ALPHA, "--results", root, "--out", dir.resolve("out").toString()),
                List.of("rerun", TestResults.ALPHA, "--seeds", "1", "--results", root))) {
            CliRun run = CliRun.of(args.toArray(String[]::new));
            String command = args.get(0);
            assertEquals(2, run.exit(), command + ": " + run.err());
            assertTrue(run.oneErrorLine(), command + " prints one line: " + run.err());
            assertTrue(run.err().contains(runs.toString()), command + " names the file: " + run.err());
            assertTrue(run.err().contains("restore the file from a backup"), command + " says what to do: " + run.err());
            assertFalse(run.err().contains("\tat "), command + ": no stack trace");
        }
        CliRun other = CliRun.of("sql", "SELECT count(*) AS n FROM runs WHERE sweep = 'beta'", "--results", root);
        assertEquals(2, other.exit(), "the views span every sweep, so a damaged table stops every query: " + other.err());
    }

    private static Path onlyFile(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }
}
