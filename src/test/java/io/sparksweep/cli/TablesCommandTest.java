package io.sparksweep.cli;

import io.sparksweep.testing.SharedResults;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SharedResults.class)
class TablesCommandTest {

    private static String results;

    @BeforeAll
    static void sharedResults(SharedResults.Folder folder) {
        results = folder.path().toString();
    }

    @Test
    void listsTheSweepsAndEachViewWithRowCountAndColumns() {
        CliRun run = CliRun.of("tables", "--results", results);

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("sweeps (2): alpha, beta"), run.out());
        String runsLine = run.outLines().stream().filter(l -> l.startsWith("runs ")).findFirst().orElseThrow();
        assertTrue(runsLine.matches("runs\\s+16\\s+sweep, trial_id, model, seed, repeat, .*"), runsLine);
        assertTrue(runsLine.contains("dropout") && runsLine.contains("augment"), "hyperparameters of both sweeps");
        assertTrue(run.outLines().stream().anyMatch(l -> l.matches("marginals\\s+10\\s+sweep, hyperparameter, .*")),
                run.out());
    }

    @Test
    void aFolderWithoutSweepsIsBadInputOnOneLine(@TempDir Path empty) throws Exception {
        Files.createDirectories(empty.resolve("just-a-folder"));

        CliRun run = CliRun.of("tables", "--results", empty.toString());

        assertEquals(2, run.exit());
        assertTrue(run.oneErrorLine() && run.err().contains("holds no sweep"), run.err());
    }

    @Test
    void helpExplainsEveryOption() {
        CliRun help = CliRun.of("tables", "--help");

        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--results") && help.out().contains("--master"), help.out());
    }
}
