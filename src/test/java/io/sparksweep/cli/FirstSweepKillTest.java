package io.sparksweep.cli;

import io.sparksweep.store.ResultsRoot;
import io.sparksweep.store.SweepResults;
import io.sparksweep.store.Table;
import io.sparksweep.testing.Folders;
import io.sparksweep.testing.Jvms;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.testing.Slow;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static io.sparksweep.testing.Folders.copyTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code kill -9} of the {@code run} command at many instants of a first sweep's end: right after its last run
 * is journaled, at fixed delays after a process that finds every run journaled takes the sweep's lock, and right as
 * its first table files appear; and the states a kill in the middle of writing a table file leaves (an empty and a
 * truncated part file), also as a version without the store format marker left them. Each time the same command is
 * run again: exit 0, every table complete and equal to what an uninterrupted end writes from the same journal.
 *
 * <p>The runs are trained once; every other instant starts from a copy of that journal.
 */
@Slow
@Execution(ExecutionMode.CONCURRENT)
class FirstSweepKillTest {

    private static final String SWEEP = "killed";
    private static final int RUNS = 4;

    @TempDir
    Path dir;

    private Jvms jvms;
    private Path spec;

    @Test
    void killedAtAnyInstantOfItsFirstEndTheSameCommandCompletesEveryTableFromTheJournal() throws Exception {
        SparkSession spark = LocalSpark.session();
        spec = Files.writeString(dir.resolve(SWEEP + ".yaml"), "name: " + SWEEP + "\n"
                + "data: {path: '" + ProjectPaths.fashionMnist() + "', trainLimit: 200, testLimit: 100, "
                + "validationFraction: 0.2}\nmodel: baseline\nspace: {learningRate: [0.002, 0.0005], batchSize: 50}\n"
                + "repeats: 2\ntraining: {maxEpochs: 1}\n");
        try (Jvms started = new Jvms(dir.resolve("jvms"))) {
            jvms = started;
            // Instant 1: the training process, killed as soon as its last run is journaled.
            Path trained = dir.resolve("trained");
            killWhen(trained, "train", folder -> journalEntries(folder) == RUNS, 0);
            Path journal = Files.createDirectories(dir.resolve("journal"));
            copyTree(sweep(trained).resolve("_journal"), journal.resolve("_journal"));
            assertEquals(RUNS, journalEntries(journal), "the template holds every run");

            Path reference = dir.resolve("reference");
            copyTree(journal, sweep(reference));
            runAgain(reference, "an uninterrupted end");
            Map<String, List<String>> expected = tables(spark, reference);
            assertEquals(RUNS, expected.get("runs").size(), expected.toString());
            assertEquals(RUNS * 100, expected.get("confusion").size(), "10 x 10 cells per run");

            List<String> checked = new ArrayList<>();
            check(spark, trained, expected, "killed right after the last run", checked);
            // A process that finds every run journaled goes straight to writing the tables.
            byte[] lock = null;
            for (long delay : new long[]{0, 1500}) {
                Path root = dir.resolve("lock-" + delay);
                copyTree(journal, sweep(root));
                killWhen(root, "lock-" + delay, folder -> Files.exists(folder.resolve("_lock")), delay);
                if (lock == null && Files.exists(sweep(root).resolve("_lock"))) {
                    lock = Files.readAllBytes(sweep(root).resolve("_lock")); // names a process that is gone now
                }
                check(spark, root, expected, "killed " + delay + " ms after taking the lock", checked);
            }
            for (long delay : new long[]{0, 40}) {
                Path root = dir.resolve("tables-" + delay);
                copyTree(journal, sweep(root));
                killWhen(root, "tables-" + delay, FirstSweepKillTest::anyTableFile, delay);
                check(spark, root, expected, "killed " + delay + " ms after its first table file appeared", checked);
            }
            assertTrue(lock != null, "a killed process leaves its lock behind");
            Path partFile;
            try (Stream<Path> files = Files.list(sweep(reference).resolve("epochs"))) {
                partFile = files.findFirst().orElseThrow();
            }
            for (String state : List.of("empty", "truncated", "empty, by a version without the marker")) {
                Path root = dir.resolve("cut-" + checked.size());
                copyTree(journal, sweep(root));
                if (!state.contains("without")) {
                    Files.write(sweep(root).resolve("_format"), "{\"format\":2}".getBytes());
                }
                Files.write(sweep(root).resolve("_lock"), lock);
                Path runs = Files.createDirectories(sweep(root).resolve("runs"));
                Files.write(runs.resolve(partName()), new byte[0]);
                Path epochs = Files.createDirectories(sweep(root).resolve("epochs"));
                byte[] whole = Files.readAllBytes(partFile);
                Files.write(epochs.resolve(partName()),
                        state.equals("truncated") ? Arrays.copyOf(whole, whole.length / 2) : whole);
                check(spark, root, expected, "left with a staged part file: " + state, checked);
            }
            assertEquals(8, checked.size(), checked.toString());
        }
    }

    /** Starts the run command on a copy and kills it (with its children) {@code delay} ms after {@code when}. */
    private void killWhen(Path root, String name, Predicate<Path> when, long delay) throws Exception {
        Process process = jvms.start(name, List.of("-Xmx1g"), Map.of("OMP_NUM_THREADS", "1"), "io.sparksweep.cli.Main",
                "run", spec.toString(), "--results", root.toString(), "--master", "local[1]");
        jvms.killAt(name, process, () -> when.test(sweep(root)), delay);
    }

    /** The same command again, in this JVM: exit 0, nothing trained. */
    private void runAgain(Path root, String what) {
        CliRun again = CliRun.of("run", spec.toString(), "--results", root.toString(), "--master", "local[1]");
        assertEquals(0, again.exit(), what + ": " + again.err());
        assertTrue(again.out().contains("all " + RUNS + " runs already finished"), what + ": " + again.out());
    }

    private void check(SparkSession spark, Path root, Map<String, List<String>> expected, String what,
                       List<String> checked) throws IOException {
        System.out.println("kill test: " + what + ": left " + left(sweep(root)));
        runAgain(root, what);
        assertEquals(expected, tables(spark, root), what + ", then run again");
        assertEquals(0, journalEntries(root), what + ": the journal is consumed");
        Set<String> current = new HashSet<>();
        SweepResults.snapshotFiles(ResultsRoot.of(root), new Configuration(), SWEEP).values()
                .forEach(files -> files.forEach(f -> current.add(Path.of(java.net.URI.create(f)).toString())));
        for (Table table : Table.SWEEP_RUNS) {
            try (Stream<Path> files = Files.list(sweep(root).resolve(table.folder()))) {
                files.forEach(f -> assertTrue(current.contains(f.toString()), what + ": " + f + " is left over"));
            }
        }
        checked.add(what);
    }

    /** Every table's rows, read from the current snapshot; the sweep table's times say when each call ran. */
    private static Map<String, List<String>> tables(SparkSession spark, Path root) {
        Map<String, List<String>> files = SweepResults.snapshotFiles(ResultsRoot.of(root), new Configuration(), SWEEP);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Table table : Table.SWEEP_RUNS) {
            List<String> paths = files.getOrDefault(table.folder(), List.of());
            List<Row> rows = paths.isEmpty() ? List.of() : spark.read().parquet(paths.toArray(String[]::new))
                    .drop("started", "finished").collectAsList();
            out.put(table.folder(), rows.stream().map(Row::toString).sorted().toList());
        }
        return out;
    }

    /** What a kill left, for the test's output: the instants fall differently on a busy machine. */
    private static String left(Path sweepDir) throws IOException {
        List<String> files = new ArrayList<>();
        for (Table table : Table.SWEEP_RUNS) {
            Path folder = sweepDir.resolve(table.folder());
            if (Files.isDirectory(folder)) {
                try (Stream<Path> all = Files.list(folder)) {
                    all.forEach(f -> files.add(table.folder() + "(" + f.toFile().length() + " B)"));
                }
            }
        }
        Path snapshots = sweepDir.resolve("_snapshots");
        long manifests = 0;
        if (Files.isDirectory(snapshots)) {
            try (Stream<Path> all = Files.list(snapshots)) {
                manifests = all.count();
            }
        }
        return journalEntries(sweepDir) + " journal entries, " + manifests + " manifest(s), table files " + files;
    }

    private static Path sweep(Path root) {
        return root.resolve(SWEEP);
    }

    private static long journalEntries(Path sweepDir) {
        return Folders.journalEntries(sweepDir.resolve("_journal"));
    }

    private static boolean anyTableFile(Path sweepDir) {
        for (Table table : Table.SWEEP_RUNS) {
            try (Stream<Path> files = Files.list(sweepDir.resolve(table.folder()))) {
                if (files.findAny().isPresent()) {
                    return true;
                }
            } catch (IOException notYet) {
                // no such folder yet
            }
        }
        return false;
    }

    private static String partName() {
        return "part-00000-" + UUID.randomUUID() + ".snappy.parquet";
    }
}
