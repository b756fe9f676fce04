package io.sparksweep.cli;

import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.testing.Slow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `run` on a successive-halving spec: it trains (no longer refused), ranks the last rung only, resumes to nothing. */
@Slow
class HalvingCommandTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void sharedSpark() {
        LocalSpark.session();
    }

    private static String leaderOf(CliRun run) {
        return run.outLines().stream().map(String::strip).filter(l -> l.matches("1\\s+\\S+-r\\d+\\s.*")).findFirst()
                .map(l -> l.split("\\s+")[1]).orElseThrow(() -> new AssertionError("no leader in:\n" + run.out()));
    }

    @Test
    void runsTheHalvingRanksTheLastRungAndTrainsNothingTheSecondTime() throws IOException {
        Path spec = dir.resolve("halving.yaml");
        Files.writeString(spec, "name: halving\ndata: {path: '" + ProjectPaths.fashionMnist()
                + "', trainLimit: 300, testLimit: 100, validationFraction: 0.2}\n"
                + "model: baseline\nspace: {learningRate: [0.002, 0.0005, 1.0e-6, 1.0e-7], batchSize: 50}\n"
                + "search: {strategy: halving}\nhalving: {rungs: [1, 2], reduction: 2}\nrepeats: 2\n");
        String results = dir.resolve("results").toString();
        CliRun r = CliRun.of("run", spec.toString(), "--results", results, "--master", "local[2]");
        assertEquals(0, r.exit(), r.err());
        // 4 candidates x 2 seeds at rung 1, the best 2 x 2 seeds at rung 2: known before anything trains.
        assertTrue(r.out().contains("halving: 0 run(s) already done, at most 12 to train on local[2]"), r.out());
        assertEquals(1, r.outLines().stream().filter(l -> l.contains("100% [") && l.contains(" 12/12 runs")).count(),
                "the bar ends at the runs halving trains: " + r.out());
        assertTrue(r.out().contains("12 runs trained (12 ok, 0 failed, 0 diverged)"), r.out());
        assertTrue(r.out().contains("halving decided at rung 2 of 2; 12 run-epochs (full training of every candidate: 16)"),
                r.out());
        assertTrue(r.out().contains("2 trial(s) ranked"), "only the two candidates of the last rung: " + r.out());
        assertFalse(r.outLines().stream().anyMatch(l -> l.matches("\\s+\\d+\\s+\\w+-r1\\s.*")), r.out());
        assertTrue(r.out().contains("promotions"), r.out());
        assertTrue(Files.isDirectory(dir.resolve("results/halving/promotions")));
        assertTrue(r.out().contains("Chosen on the validation set: val_accuracy"), r.out());
        CliRun best = CliRun.of("best", "halving", "--results", results);
        assertEquals(0, best.exit(), best.err());
        assertEquals(leaderOf(r), leaderOf(best), "run's closing lines and best name the same leader");
        assertEquals(r.outLines().stream().filter(l -> l.contains("clear winner")).toList(),
                best.outLines().stream().filter(l -> l.contains("clear winner")).toList(), "and the same verdict");

        CliRun again = CliRun.of("run", spec.toString(), "--results", results);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("halving: the search is over; 12 of its runs finished in "), again.out());
        assertTrue(again.out().contains("0 runs trained"), again.out());
        assertTrue(again.out().contains("halving decided at rung 2 of 2"), again.out());
    }
}
