package io.sparksweep.cli;

import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `rerun` and `evaluate` as a user calls them: the side-by-side report, a saved model scored again, bad input. */
class RerunCommandTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void aTinySweep() throws IOException {
        LocalSpark.session();
        Path spec = dir.resolve("cli-rerun.yaml");
        Files.writeString(spec, "name: clirerun\ndata: {path: '" + ProjectPaths.fashionMnist()
                + "', trainLimit: 300, testLimit: 100, validationFraction: 0.2}\n"
                + "model: lenet5\nspace: {learningRate: [0.003], batchSize: 50}\nrepeats: 2\ntraining: {maxEpochs: 1}\n");
        CliRun sweep = CliRun.of("run", spec.toString(), "--results", results());
        assertEquals(0, sweep.exit(), sweep.err());
    }

    private static String results() {
        return dir.resolve("results").toString();
    }

    @Test
    void rerunsTheLeaderPrintsBothEstimatesAndEvaluateGivesTheRecordedAccuracy() throws IOException {
        CliRun r = CliRun.of("rerun", "clirerun", "--best", "--seeds", "2", "--results", results());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("(the sweep's leader, chosen on the validation set's accuracy), 2 fresh seed(s)"), r.out());
        assertTrue(r.out().contains("sweep (its own seeds)") && r.out().contains("rerun (fresh seeds)"), r.out());
        assertTrue(r.out().contains("difference (rerun - sweep): "), r.out());
        assertTrue(r.out().contains("The fresh seeds moved the estimate"), r.out());

        List<Path> models;
        try (Stream<Path> files = Files.walk(dir.resolve("results/clirerun/models"))) {
            models = files.filter(f -> f.getFileName().toString().equals("model.zip")).toList();
        }
        assertEquals(2, models.size());
        CliRun evaluated = CliRun.of("evaluate", models.get(0).toString());
        assertEquals(0, evaluated.exit(), evaluated.err());
        assertTrue(evaluated.out().contains("(the run's, same SHA-256)"), evaluated.out());
        assertTrue(evaluated.out().contains(": identical"), evaluated.out());

        CliRun again = CliRun.of("rerun", "clirerun", "--seeds", "2", "--results", results());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("2 already done, 0 to train"), again.out());
    }

    @Test
    void aRerunRunPastItsTimeoutIsRecordedFailed() {
        // 300 epochs without early stopping: far past one second.
        CliRun r = CliRun.of("rerun", "clirerun", "--seeds", "1", "--full-train", "--epochs", "300", "--run-timeout", "1s",
                "--results", results());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("-full300: failed"), r.out());
        CliRun rows = CliRun.of("sql", "SELECT count(*) AS n FROM reruns WHERE run_id LIKE '%-full300' AND status = 'failed'"
                + " AND error LIKE '%timed out%'", "--format", "csv", "--results", results());
        assertEquals(0, rows.exit(), rows.err());
        assertTrue(rows.out().contains("\n1"), rows.out());

        CliRun bad = CliRun.of("rerun", "clirerun", "--run-timeout", "soon", "--results", results());
        assertEquals(2, bad.exit());
        assertTrue(bad.oneErrorLine() && bad.err().contains("--run-timeout") && bad.err().contains("expected a duration like 90s"),
                bad.err());
    }

    @Test
    void distributedRerunTrainsAcrossExecutorsUnderItsOwnRunIds() throws IOException {
        CliRun r = CliRun.of("rerun", "clirerun", "--best", "--seeds", "1", "--distributed", "--results", results());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("-dp: ok"), r.out());
        try (Stream<Path> files = Files.list(dir.resolve("results/clirerun/models"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith("-dp")
                    && Files.isRegularFile(f.resolve("model.zip"))), "a data-parallel model folder");
        }
        CliRun rows = CliRun.of("sql", "SELECT count(*) AS n FROM reruns WHERE run_id LIKE '%-dp' AND status = 'ok'"
                + " AND provenance LIKE '%data-parallel%'", "--format", "csv", "--results", results());
        assertEquals(0, rows.exit(), rows.err());
        assertTrue(rows.out().contains("\n1"), rows.out());

        CliRun both = CliRun.of("rerun", "clirerun", "--distributed", "--full-train", "--results", results());
        assertEquals(2, both.exit());
        assertTrue(both.oneErrorLine() && both.err().contains("--distributed cannot be combined with --full-train"),
                both.err());
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        CliRun sweep = CliRun.of("rerun", "nosuchsweep", "--results", results());
        assertEquals(2, sweep.exit());
        assertTrue(sweep.oneErrorLine() && sweep.err().contains("no sweep 'nosuchsweep'"), sweep.err());

        CliRun trial = CliRun.of("rerun", "clirerun", "--trial", "123456789abc", "--results", results());
        assertEquals(2, trial.exit());
        assertTrue(trial.oneErrorLine() && trial.err().contains("has no trial '123456789abc'"), trial.err());

        Path notAModel = Files.writeString(dir.resolve("model.zip"), "this is not a zip");
        CliRun model = CliRun.of("evaluate", notAModel.toString());
        assertEquals(2, model.exit());
        assertTrue(model.oneErrorLine() && model.err().contains(notAModel.toString()), model.err());

        CliRun missing = CliRun.of("evaluate", dir.resolve("missing.zip").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.oneErrorLine() && missing.err().contains("does not exist"), missing.err());

        CliRun both = CliRun.of("rerun", "clirerun", "--best", "--trial", "x", "--results", results());
        assertEquals(2, both.exit());
        assertTrue(both.oneErrorLine(), both.err());
    }
}
