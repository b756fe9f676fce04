package io.sparksweep.cli;

import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The `run` command as a user calls it: exit codes, one-line errors, the end-of-sweep leaderboard. */
class RunCommandTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void sharedSpark() {
        LocalSpark.session();
    }

    private Path spec(String body) throws IOException {
        Path file = dir.resolve("cli.yaml");
        Files.writeString(file, "name: cli\ndata: {path: '" + ProjectPaths.fashionMnist()
                + "', trainLimit: 300, testLimit: 100, validationFraction: 0.2}\n" + body);
        return file;
    }

    @Test
    void runsASweepAndPrintsTheRanking() throws IOException {
        Path spec = spec("model: baseline\nspace: {learningRate: [0.002, 0.0005], batchSize: 50}\nrepeats: 2\ntraining: {maxEpochs: 1}\n");
        CliRun r = CliRun.of("run", spec.toString(), "--results", dir.resolve("results").toString(), "--master", "local[2]");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("2 trials x 2 seeds = 4 runs"), r.out());
        assertTrue(r.out().contains("4 runs trained (4 ok, 0 failed, 0 diverged)"), r.out());
        assertEquals(1, r.outLines().stream().filter(l -> l.contains("100% [")).count(),
                "the finished bar is printed once: " + r.out());
        assertTrue(r.out().contains("learning_rate"), "the ranking names the hyperparameters: " + r.out());
        assertTrue(r.outLines().stream().anyMatch(l -> l.matches("Leader \\w+ is (a clear winner: .*\\(paired t-test, "
                + "Holm-corrected p < 0.05 over 1 comparison\\)\\.|tied with 1 other trial \\(paired t-test, "
                + "Holm-corrected p >= 0.05\\): not a clear winner\\.)")), "the leader is named with its verdict: "
                + r.out());
        assertTrue(r.out().contains(" beats the runner-up "), r.out());
        assertTrue(Files.isDirectory(dir.resolve("results/cli/summary")));

        CliRun again = CliRun.of("run", spec.toString(), "--results", dir.resolve("results").toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("all 4 runs already finished"), again.out());
    }

    @Test
    void badSpecIsOneLineAndExitTwo() throws IOException {
        Path spec = spec("space: {learningRate: [0.01], momentum: [0.9]}\n");
        CliRun r = CliRun.of("run", spec.toString(), "--results", dir.resolve("results").toString());
        assertEquals(2, r.exit());
        assertEquals("error: cli.yaml: space.momentum: unknown hyperparameter (known: model, optimizer, learningRate, "
                + "batchSize, shuffle, patience, dropout, kernelSize, filters, stride, l2, schedule, augmentation)", r.err().strip());
    }

    @Test
    void unwritableResultsFolderFailsBeforeTraining() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("results-file"), "x");
        Path spec = spec("repeats: 1\ntraining: {maxEpochs: 1}\n");
        CliRun r = CliRun.of("run", spec.toString(), "--results", notAFolder.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(notAFolder.toString()), r.err());
        assertTrue(r.oneErrorLine(), r.err());
    }

    @Test
    void mistypedOptionIsOneLine() {
        CliRun r = CliRun.of("run", "x.yaml", "--repeats", "3");
        assertEquals(2, r.exit());
        assertTrue(r.oneErrorLine(), r.err());
        assertTrue(r.err().contains("--repeats"), r.err());

        CliRun badDuration = CliRun.of("run", "x.yaml", "--run-timeout", "soon");
        assertEquals(2, badDuration.exit());
        assertTrue(badDuration.oneErrorLine(), badDuration.err());
        assertTrue(badDuration.err().contains("--run-timeout") && badDuration.err().contains("expected a duration like 90s"),
                badDuration.err());
    }
}
