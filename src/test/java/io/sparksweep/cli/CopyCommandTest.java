package io.sparksweep.cli;

import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.PredictedResults;
import io.sparksweep.testing.TestResults;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.sparksweep.testing.PredictedResults.SWEEP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CopyCommandTest {

    @TempDir
    static Path sourceRoot;

    @TempDir
    Path dir;

    private static String source;

    @BeforeAll
    static void sweepWithPredictions() {
        PredictedResults.write(LocalSpark.session(), sourceRoot);
        source = sourceRoot.toString();
    }

    @Test
    void theCopyWithoutPredictionsReadsAsTheOriginalAndACopyAgainWritesNothing() throws Exception {
        String to = dir.resolve("shipped").toString();

        CliRun copy = CliRun.of("copy", SWEEP, "--results", source, "--to", to, "--without-predictions");

        assertEquals(0, copy.exit(), copy.err());
        assertTrue(copy.out().startsWith("copied sweep " + SWEEP + " to "), copy.out());
        assertTrue(copy.out().contains("left out: predictions ("), copy.out());
        assertTrue(copy.out().contains("not copied: 1 run(s) in the sweep's journal"), copy.out());
        assertEquals(query(source, "select count(*) from predictions"), PredictedResults.OK_RUNS
                * PredictedResults.ITEMS + "", "the source keeps its predictions");
        assertEquals("0", query(to, "select count(*) from predictions"));
        for (String sql : new String[]{"select trial_id, seed, status, test_accuracy from runs order by 1, 2",
                "select * from summary order by trial_id", "select count(*), sum(count) from confusion"}) {
            assertEquals(query(source, sql), query(to, sql), sql);
        }
        CliRun best = CliRun.of("best", SWEEP, "--results", source, "--format", "csv");
        CliRun copiedBest = CliRun.of("best", SWEEP, "--results", to, "--format", "csv");
        assertEquals(0, copiedBest.exit(), copiedBest.err());
        assertEquals(best.out(), copiedBest.out());
        assertFalse(Files.exists(dir.resolve("shipped").resolve(SWEEP).resolve("predictions")),
                "no predictions folder");
        try (var journal = Files.list(dir.resolve("shipped").resolve(SWEEP).resolve("_journal"))) {
            assertEquals(0, journal.count(), "the source's journaled rerun stays behind");
        }
        Path manifests = dir.resolve("shipped").resolve(SWEEP).resolve("_snapshots");
        String manifest = onlyFile(manifests);

        CliRun again = CliRun.of("copy", SWEEP, "--results", source, "--to", to, "--without-predictions");

        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("already holds its") && again.out().contains("nothing to do"), again.out());
        assertEquals(manifest, onlyFile(manifests), "no new snapshot");
    }

    @Test
    void aDestinationWithOtherTablesOfTheSweepIsLeftAloneAndNamed() {
        String to = dir.resolve("whole").toString();
        assertEquals(0, CliRun.of("copy", SWEEP, "--results", source, "--to", to).exit());
        String predictions = query(to, "select count(*) from predictions");

        CliRun smaller = CliRun.of("copy", SWEEP, "--results", source, "--to", to, "--without-predictions");

        assertEquals(2, smaller.exit());
        assertTrue(smaller.oneErrorLine() && smaller.err().contains("already holds other tables of sweep " + SWEEP),
                smaller.err());
        assertEquals(predictions, query(to, "select count(*) from predictions"));
        assertEquals(PredictedResults.OK_RUNS * PredictedResults.ITEMS + "", predictions);
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws Exception {
        String to = dir.resolve("to").toString();
        CliRun same = CliRun.of("copy", SWEEP, "--results", source, "--to", source);
        CliRun missing = CliRun.of("copy", "no-such-sweep", "--results", source, "--to", to);
        CliRun badName = CliRun.of("copy", "../" + SWEEP, "--results", source, "--to", to);
        CliRun noTarget = CliRun.of("copy", SWEEP, "--results", source);

        assertEquals(2, same.exit());
        assertTrue(same.oneErrorLine() && same.err().contains("the same results folder"), same.err());
        assertEquals(2, missing.exit());
        assertTrue(missing.oneErrorLine() && missing.err().contains("no-such-sweep has no tables to copy"),
                missing.err());
        assertEquals(2, badName.exit());
        assertTrue(badName.oneErrorLine() && badName.err().contains("sweep name"), badName.err());
        assertEquals(2, noTarget.exit());
        assertTrue(noTarget.err().contains("--to"), noTarget.err());
        assertFalse(Files.exists(dir.resolve("to")), "nothing created at the destination");
    }

    @Test
    void aDamagedSourceFileIsNamedAndNothingIsCopied() throws Exception {
        Path damaged = dir.resolve("damaged");
        io.sparksweep.testing.Folders.copyTree(sourceRoot.resolve(SWEEP), damaged.resolve(SWEEP));
        Path runs;
        try (var files = Files.list(damaged.resolve(SWEEP).resolve("runs"))) {
            runs = files.findFirst().orElseThrow();
        }
        Files.write(runs, java.util.Arrays.copyOf(Files.readAllBytes(runs), 100));
        Path to = dir.resolve("from-damaged");

        CliRun copy = CliRun.of("copy", SWEEP, "--results", damaged.toString(), "--to", to.toString());

        assertEquals(2, copy.exit());
        assertTrue(copy.oneErrorLine() && copy.err().contains(runs.getFileName().toString())
                && copy.err().contains("is damaged"), copy.err());
        assertFalse(Files.exists(to), "nothing created at the destination");
    }

    @Test
    void aSweepOfTheSharedKindCopiesToo() {
        Path other = dir.resolve("other");
        TestResults.write(LocalSpark.session(), other);
        String to = dir.resolve("copies").toString();

        CliRun copy = CliRun.of("copy", TestResults.BETA, "--results", other.toString(), "--to", to);

        assertEquals(0, copy.exit(), copy.err());
        assertEquals(query(other.toString(), "select trial_id, seed, status, test_accuracy, dropout from runs where sweep = 'beta' order by seed"),
                query(to, "select trial_id, seed, status, test_accuracy, dropout from runs order by seed"));
    }

    @Test
    void helpExplainsEveryOption() {
        CliRun help = CliRun.of("copy", "--help");

        assertEquals(0, help.exit());
        for (String option : new String[]{"--to", "--without-predictions", "--results", "--master", "SWEEP"}) {
            assertTrue(help.out().contains(option), option + " in " + help.out());
        }
    }

    private static String query(String results, String sql) {
        CliRun run = CliRun.of("sql", "--results", results, "--format", "csv", sql);
        assertEquals(0, run.exit(), sql + ": " + run.err());
        return run.outLines().stream().skip(1).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String onlyFile(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            var all = files.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0).getFileName() + ":" + Files.readString(all.get(0));
        }
    }
}
