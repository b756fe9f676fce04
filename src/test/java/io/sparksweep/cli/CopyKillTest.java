package io.sparksweep.cli;

import io.sparksweep.store.ResultsRoot;
import io.sparksweep.store.SweepResults;
import io.sparksweep.store.Table;
import io.sparksweep.testing.Jvms;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.PredictedResults;
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
import java.util.function.Predicate;
import java.util.stream.Stream;

import static io.sparksweep.testing.PredictedResults.SWEEP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code kill -9} of the {@code copy} command as its first table file appears and as its snapshot appears, and
 * the states a kill right after taking the destination's lock and one in the middle of a file leave (a dead writer's
 * lock alone; a truncated staged file beside it): each time the same command, run again, ends with exactly the source's tables (less
 * the predictions) and no other file in the table folders.
 */
@Slow
@Execution(ExecutionMode.CONCURRENT)
class CopyKillTest {

    @TempDir
    Path dir;

    @Test
    void killedAtAnyInstantTheSameCopyCompletesIt() throws Exception {
        SparkSession spark = LocalSpark.session();
        Path source = dir.resolve("source");
        PredictedResults.write(spark, source);
        Map<String, List<String>> expected = tables(spark, source);
        expected.remove(Table.PREDICTIONS.folder());
        List<String> checked = new ArrayList<>();
        byte[] deadLock = null;
        try (Jvms jvms = new Jvms(dir.resolve("jvms"))) {
            Map<String, Predicate<Path>> instants = new LinkedHashMap<>();
            instants.put("as its first table file appears", CopyKillTest::anyTableFile);
            instants.put("as its snapshot appears", sweep -> Files.isDirectory(sweep.resolve("_snapshots")));
            for (Map.Entry<String, Predicate<Path>> instant : instants.entrySet()) {
                Path to = dir.resolve("to-" + checked.size());
                String name = "copy-" + checked.size();
                Process process = jvms.start(name, List.of("-Xmx1g"), Map.of(), "io.sparksweep.cli.Main", "copy", SWEEP,
                        "--results", source.toString(), "--to", to.toString(), "--without-predictions",
                        "--master", "local[1]");
                jvms.killAt(name, process, () -> instant.getValue().test(to.resolve(SWEEP)), 0);
                if (deadLock == null && Files.exists(to.resolve(SWEEP).resolve("_lock"))) {
                    deadLock = Files.readAllBytes(to.resolve(SWEEP).resolve("_lock"));
                }
                check(spark, source, to, expected, "killed " + instant.getKey(), checked);
            }
            assertTrue(deadLock != null, "a killed copy leaves its lock behind");
            Path locked = Files.createDirectories(dir.resolve("to-locked").resolve(SWEEP));
            Files.write(locked.resolve("_lock"), deadLock);
            Files.write(locked.resolve("._format.tmp-" + java.util.UUID.randomUUID()), new byte[0]);
            check(spark, source, locked.getParent(), expected, "killed right after taking the lock", checked);
            Path to = dir.resolve("to-cut");
            Path sweep = Files.createDirectories(to.resolve(SWEEP));
            Files.write(sweep.resolve("_format"), "{\"format\":2}".getBytes());
            Files.write(sweep.resolve("_lock"), deadLock);
            Path runs = Files.createDirectories(sweep.resolve("runs"));
            String runsFile = SweepResults.snapshotFiles(ResultsRoot.of(source), new Configuration(), SWEEP)
                    .get("runs").get(0);
            byte[] whole = Files.readAllBytes(Path.of(java.net.URI.create(runsFile)));
            Path staged = runs.resolve(Path.of(java.net.URI.create(runsFile)).getFileName());
            Files.write(staged, Arrays.copyOf(whole, whole.length / 2));
            check(spark, source, to, expected, "left with a truncated staged file", checked);
        }
        assertEquals(4, checked.size(), checked.toString());
    }

    private static void check(SparkSession spark, Path source, Path to, Map<String, List<String>> expected, String what,
            List<String> checked) throws IOException {
        System.out.println("copy kill test: " + what + ": left " + left(to.resolve(SWEEP)));
        CliRun again = CliRun.of("copy", SWEEP, "--results", source.toString(), "--to", to.toString(),
                "--without-predictions", "--master", "local[1]");
        assertEquals(0, again.exit(), what + ": " + again.err());
        assertEquals(expected, tables(spark, to), what + ", then the same copy again");
        Set<String> current = new HashSet<>();
        SweepResults.snapshotFiles(ResultsRoot.of(to), new Configuration(), SWEEP).values()
                .forEach(files -> files.forEach(f -> current.add(Path.of(java.net.URI.create(f)).toString())));
        for (Table table : Table.values()) {
            Path folder = to.resolve(SWEEP).resolve(table.folder());
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.forEach(f -> assertTrue(current.contains(f.toString()), what + ": " + f + " is left over"));
                }
            }
        }
        checked.add(what);
    }

    /** Every table's rows, read from the current snapshot. */
    private static Map<String, List<String>> tables(SparkSession spark, Path root) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        SweepResults.snapshotFiles(ResultsRoot.of(root), new Configuration(), SWEEP).forEach((table, paths) -> out.put(
                table, paths.isEmpty() ? List.of() : spark.read().parquet(paths.toArray(String[]::new)).collectAsList()
                        .stream().map(Row::toString).sorted().toList()));
        return out;
    }

    private static boolean anyTableFile(Path sweep) {
        for (Table table : Table.values()) {
            try (Stream<Path> files = Files.list(sweep.resolve(table.folder()))) {
                if (files.findAny().isPresent()) {
                    return true;
                }
            } catch (IOException notYet) {
                // no such folder yet
            }
        }
        return false;
    }

    /** What a kill left, for the test's output: the instants fall differently on a busy machine. */
    private static String left(Path sweep) throws IOException {
        if (!Files.isDirectory(sweep)) {
            return "nothing";
        }
        try (Stream<Path> all = Files.walk(sweep)) {
            return all.filter(Files::isRegularFile).map(f -> sweep.relativize(f) + "(" + f.toFile().length() + " B)")
                    .sorted().toList().toString();
        }
    }
}
