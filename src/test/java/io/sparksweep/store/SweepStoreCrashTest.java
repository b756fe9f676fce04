package io.sparksweep.store;

import io.sparksweep.run.RunKey;
import io.sparksweep.run.RunStatus;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.TestRuns;
import io.sparksweep.testing.Slow;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.sparksweep.testing.Folders.copyTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Consolidation cut short at each of its durable steps in turn (after each table file, after the snapshot is
 * published, after each consumed journal entry is removed), then run again: the tables always end complete and
 * consistent, and readers meanwhile see the previous snapshot or the next one, never a mix.
 */
@Slow
class SweepStoreCrashTest {

    private static final SparkSession SPARK = LocalSpark.session();
    private static final List<TrialRecord> TRIALS = List.of(TestRuns.trial("t1", TestRuns.defaultSettings()),
            TestRuns.trial("t2", TestRuns.settings(0.01, 128, true, "sgd")));

    @TempDir
    Path dir;

    /** Thrown by the fault seam: a crash of the writer at that instant. */
    private static final class Crash extends RuntimeException {
        Crash(String step) {
            super("crash after " + step);
        }
    }

    /** Throws at the n-th step (1-based) and records every step it saw. */
    private static final class CrashAt implements StoreFaults {
        final int at;
        final List<String> seen = new ArrayList<>();

        CrashAt(int at) {
            this.at = at;
        }

        @Override
        public void after(String step) {
            seen.add(step);
            if (seen.size() == at) {
                throw new Crash(step);
            }
        }
    }

    private SweepStore store(Path root, StoreFaults faults) {
        return new SweepStore(SPARK, ResultsRoot.of(root), TestRuns.SWEEP, SweepLock.DEFAULT_LEASE, faults);
    }

    /** First consolidation (clean): t1 seeds 1-2 ok, t2 seed 1 failed. */
    private void firstSweep(Path root) {
        try (SweepStore store = store(root, StoreFaults.NONE)) {
            journalFirstSweep(store);
            store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
        }
    }

    /** The resumed sweep's runs: t2 seed 1 now ok (replaces the failed one), t2 seed 2 diverged, t1 seed 3 ok. */
    private static void journalSecondSweep(SweepStore store) {
        store.journal(TestRuns.run("t2", 1).accuracy(0.9).finishedAt(TestRuns.BASE_TIME + 10_000).build(),
                predictions(21));
        store.journal(TestRuns.run("t2", 2).diverged().build());
        store.journal(TestRuns.run("t1", 3).accuracy(0.75).build(), predictions(13));
    }

    /** Test items of the runs here. */
    private static final int ITEMS = 5;

    /** A run's answers for {@value #ITEMS} test items, different for each {@code salt}. */
    static io.sparksweep.run.TestPredictions predictions(int salt) {
        return io.sparksweep.testing.PredictedResults.predictions(salt, ITEMS);
    }

    @Test
    void aCrashAfterAnyStepThenARerunEndsWithCompleteConsistentTables() throws IOException {
        CrashAt counting = new CrashAt(Integer.MAX_VALUE);
        Path reference = dir.resolve("reference");
        firstSweep(reference);
        try (SweepStore store = store(reference, counting)) {
            journalSecondSweep(store);
            store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
        }
        assertEquals(List.of("table:runs", "table:epochs", "table:classes", "table:confusion", "table:predictions",
                "table:trials", "table:summary", "table:sweep", "publish", "journal", "journal", "journal"),
                counting.seen);
        Map<String, List<String>> expected = tables(reference);
        assertComplete(reference, 5);

        Path afterFirst = dir.resolve("after-first");
        firstSweep(afterFirst);
        Map<String, List<String>> before = tables(afterFirst);
        for (int step = 1; step <= counting.seen.size(); step++) {
            String seenStep = counting.seen.get(step - 1);
            // The appended predictions file sits next to the published one: a cut copy of it must not be read either.
            for (Cut cut : seenStep.equals("table:predictions") ? List.of(Cut.values()) : List.of(Cut.WHOLE)) {
                Path root = dir.resolve("crash-" + step + "-" + cut);
                copyTree(afterFirst, root);
                CrashAt crash = new CrashAt(step);
                try (SweepStore store = store(root, crash)) {
                    journalSecondSweep(store);
                    Crash thrown = assertThrows(Crash.class,
                            () -> store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS));
                    String where = thrown.getMessage() + " (" + cut + ")";
                    if (seenStep.startsWith("table:")) {
                        cut(root, Table.valueOf(seenStep.substring("table:".length()).toUpperCase(Locale.ROOT)), cut);
                    }

                    Map<String, List<String>> seen = tables(root);
                    boolean published = crash.seen.contains("publish");
                    assertEquals(published ? expected : before, withoutSweepTimes(seen, published ? expected : before),
                            where + ": readers see the " + (published ? "new" : "old") + " snapshot whole");
                }
                try (SweepStore rerun = store(root, StoreFaults.NONE)) {
                    rerun.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
                    assertTrue(rerun.finishedRuns().containsAll(List.of(new RunKey("t2", 1), new RunKey("t1", 3))));
                }
                assertEquals(expected, withoutSweepTimes(tables(root), expected), "after a crash at step " + step
                        + " (" + cut + ")");
                assertComplete(root, 5);
                assertOnlyCurrentFiles(root);
            }
        }
    }

    /** What a crash leaves of the table file it was writing: the whole file, nothing, or its first half. */
    private enum Cut { WHOLE, EMPTY, TRUNCATED }

    /**
     * The first consolidation of a sweep folder cut short at each step: no snapshot exists yet, so the staged files
     * of the cut write (whole, empty or truncated, as a kill in the middle of writing one leaves it) must not be
     * taken for the tables. Readers see no tables until the rerun, which then writes every table from the journal.
     */
    @Test
    void aCrashAtAnyStepOfTheFirstConsolidationThenARerunEndsWithCompleteConsistentTables() throws IOException {
        CrashAt counting = new CrashAt(Integer.MAX_VALUE);
        Path reference = dir.resolve("reference");
        try (SweepStore store = store(reference, counting)) {
            journalFirstSweep(store);
            store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
        }
        assertEquals(List.of("table:runs", "table:epochs", "table:classes", "table:confusion", "table:predictions",
                "table:trials", "table:summary", "table:sweep", "publish", "journal", "journal", "journal"),
                counting.seen);
        Map<String, List<String>> expected = tables(reference);
        assertComplete(reference, 3);

        for (int step = 1; step <= counting.seen.size(); step++) {
            String seenStep = counting.seen.get(step - 1);
            List<Cut> cuts = seenStep.equals("table:runs") || seenStep.equals("table:confusion")
                    || seenStep.equals("table:predictions") ? List.of(Cut.values()) : List.of(Cut.WHOLE);
            for (Cut cut : cuts) {
                String where = "first consolidation cut after " + seenStep + " (" + cut + ")";
                Path root = dir.resolve("first-" + step + "-" + cut);
                CrashAt crash = new CrashAt(step);
                try (SweepStore store = store(root, crash)) {
                    journalFirstSweep(store);
                    assertThrows(Crash.class, () -> store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS));
                }
                if (seenStep.startsWith("table:")) {
                    cut(root, Table.valueOf(seenStep.substring("table:".length()).toUpperCase(java.util.Locale.ROOT)),
                            cut);
                }
                boolean published = crash.seen.contains("publish");
                Map<String, List<String>> seen = tables(root);
                assertEquals(published ? expected : noTables(), withoutSweepTimes(seen, expected),
                        where + ": readers see " + (published ? "the new snapshot whole" : "no tables yet"));
                try (SweepStore rerun = store(root, StoreFaults.NONE)) {
                    rerun.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
                }
                assertEquals(expected, withoutSweepTimes(tables(root), expected), where + ", then run again");
                assertEquals(List.of(), new Journal(root).names(), where + ": the journal is consumed");
                assertOnlyCurrentFiles(root);
            }
        }
    }

    /**
     * A sweep folder written before snapshots existed (table folders, no manifest) whose first snapshot write is cut
     * short at each step: the staged files must not mix with its tables.
     */
    @Test
    void aCrashAtAnyStepOfALegacyFoldersFirstSnapshotThenARerunEndsWithCompleteConsistentTables() throws IOException {
        Path reference = dir.resolve("reference");
        firstSweep(reference);
        try (SweepStore store = store(reference, StoreFaults.NONE)) {
            journalSecondSweep(store);
            store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
        }
        Map<String, List<String>> expected = tables(reference);
        assertComplete(reference, 5);

        Path legacy = dir.resolve("legacy");
        firstSweep(legacy);
        Map<String, List<String>> before = tables(legacy);
        asLegacyFolder(legacy);
        assertEquals(before, tables(legacy), "a folder without snapshots is read folder by folder");
        for (int step = 1; step <= 12; step++) {
            Path root = dir.resolve("legacy-crash-" + step);
            copyTree(legacy, root);
            CrashAt crash = new CrashAt(step);
            try (SweepStore store = store(root, crash)) {
                journalSecondSweep(store);
                assertThrows(Crash.class, () -> store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS));
            }
            String where = "legacy folder, cut after " + crash.seen.get(crash.seen.size() - 1);
            boolean published = crash.seen.contains("publish");
            assertEquals(published ? expected : before,
                    withoutSweepTimes(tables(root), published ? expected : before), where);
            try (SweepStore rerun = store(root, StoreFaults.NONE)) {
                rerun.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
            }
            assertEquals(expected, withoutSweepTimes(tables(root), expected), where + ", then run again");
            assertEquals(List.of(), new Journal(root).names(), where + ": the journal is consumed");
            assertOnlyCurrentFiles(root);
        }
    }

    /**
     * A rerun's tables (written by a rerun, by the sweep's consolidation that takes journaled reruns along, and from a
     * rerun journal of the old format), and a race's and halving's decision table, cut short at each step of their
     * writes.
     */
    @Test
    void aCrashAtAnyStepOfARerunsARacesOrHalvingsTableWriteThenARerunEndsWithCompleteTables() throws IOException {
        Map<String, Consumer<SweepStore>> writes = new java.util.LinkedHashMap<>();
        writes.put("rerun", store -> {
            store.journal(rerun(TestRuns.run("t1", 11).repeat(0).accuracy(0.81), "t1-11"));
            store.journal(rerun(TestRuns.run("t1", 12).repeat(1).failed("OutOfMemoryError"), "t1-12"));
            store.consolidateReruns();
        });
        writes.put("rerun-in-the-sweeps-consolidation", store -> {
            store.journal(rerun(TestRuns.run("t1", 11).repeat(0).accuracy(0.81), "t1-11"));
            store.journal(TestRuns.run("t1", 3).accuracy(0.75).build(), predictions(13));
            store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
        });
        writes.put("rerun-from-the-old-journal", store -> {
            Path old = io.sparksweep.testing.ProjectPaths.root()
                    .resolve("src/test/resources/legacy/rerun-journal-v1/demo/_rerun_journal");
            try (Stream<Path> entries = Files.list(old)) {
                Files.createDirectories(store.sweepDir().resolve("_rerun_journal"));
                for (Path entry : entries.toList()) {
                    Files.copy(entry, store.sweepDir().resolve("_rerun_journal").resolve(entry.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            store.consolidateReruns();
        });
        writes.put("race", store -> store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS, List.of(new DecisionTable(
                Table.RACE, Stream.of(
                        new RaceRecord(2, 4, "t1", RaceRecord.Action.WINNER, null, 0.75, Double.NaN, Double.NaN, Double.NaN),
                        new RaceRecord(2, 4, "t2", RaceRecord.Action.ELIMINATED, "t1", 0.5, 0.75, 0.01, 0.05))
                        .map(r -> r.row(TestRuns.SWEEP)).toList()))));
        writes.put("halving", store -> store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS, List.of(new DecisionTable(
                Table.PROMOTIONS, Stream.of(
                        new PromotionRecord(1, 1, "t1", "t1-r1", 0.8, 1, PromotionRecord.Action.PROMOTED),
                        new PromotionRecord(1, 1, "t2", "t2-r1", 0.6, 2, PromotionRecord.Action.STOPPED))
                        .map(r -> r.row(TestRuns.SWEEP)).toList()))));
        for (boolean legacyFolder : List.of(false, true)) {
            Path base = dir.resolve("base-" + legacyFolder);
            firstSweep(base);
            if (legacyFolder) {
                asLegacyFolder(base);
            }
            for (Map.Entry<String, Consumer<SweepStore>> write : writes.entrySet()) {
                boolean rerun = write.getKey().startsWith("rerun");
                if (legacyFolder && !rerun) {
                    continue; // a race or halving writes after the sweep's consolidation, which marks the folder
                }
                Set<Table> read = rerun
                        ? EnumSet.of(Table.RUNS, Table.RERUNS, Table.RERUN_EPOCHS, Table.RERUN_CLASSES)
                        : EnumSet.of(Table.RUNS, write.getKey().equals("race") ? Table.RACE : Table.PROMOTIONS);
                Map<String, List<String>> before = tables(base, read);
                Path reference = dir.resolve(write.getKey() + "-reference-" + legacyFolder);
                copyTree(base, reference);
                CrashAt counting = new CrashAt(Integer.MAX_VALUE);
                try (SweepStore store = store(reference, counting)) {
                    write.getValue().accept(store);
                }
                Map<String, List<String>> expected = tables(reference, read);
                assertTrue(expected.values().stream().filter(rows -> !rows.isEmpty()).count() >= 2, expected.toString());
                for (int step = 1; step <= counting.seen.size(); step++) {
                    Path root = dir.resolve(write.getKey() + "-crash-" + step + "-" + legacyFolder);
                    copyTree(base, root);
                    CrashAt crash = new CrashAt(step);
                    try (SweepStore store = store(root, crash)) {
                        assertThrows(Crash.class, () -> write.getValue().accept(store));
                    }
                    String where = write.getKey() + (legacyFolder ? " in a legacy folder" : "") + ", cut after "
                            + crash.seen.get(crash.seen.size() - 1);
                    boolean published = crash.seen.contains("publish");
                    assertEquals(published ? expected : before, tables(root, read), where);
                    try (SweepStore again = store(root, StoreFaults.NONE)) {
                        write.getValue().accept(again);
                    }
                    assertEquals(expected, tables(root, read), where + ", then written again");
                }
            }
        }
    }

    private static RerunRecord rerun(TestRuns run, String runId) {
        io.sparksweep.run.RunRecord record = run.build();
        return new RerunRecord(record, runId, false, 2, record.ok() ? "models/" + runId + "/model.zip" : null);
    }

    /** A folder as the writers before snapshots left it: the same table folders, no manifest, no format marker. */
    private static void asLegacyFolder(Path root) throws IOException {
        Path sweep = root.resolve(TestRuns.SWEEP);
        for (String name : List.of(SweepTables.SNAPSHOTS, "_format")) {
            Path entry = sweep.resolve(name);
            if (Files.exists(entry)) {
                try (Stream<Path> all = Files.walk(entry)) {
                    for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    /** Leaves the staged file of a table folder (the one no snapshot names) as a kill in the middle of writing it would. */
    private static void cut(Path root, Table table, Cut cut) throws IOException {
        if (cut == Cut.WHOLE) {
            return;
        }
        Set<String> published = new java.util.HashSet<>();
        SweepResults.snapshotFiles(ResultsRoot.of(root), new org.apache.hadoop.conf.Configuration(), TestRuns.SWEEP)
                .values().forEach(files -> files.forEach(f -> published.add(new org.apache.hadoop.fs.Path(f).getName())));
        Path newest;
        try (Stream<Path> files = Files.list(root.resolve(TestRuns.SWEEP).resolve(table.folder()))) {
            newest = files.filter(p -> !published.contains(p.getFileName().toString())).reduce((a, b) -> {
                throw new AssertionError("more than one staged file in " + table.folder() + ": " + a + ", " + b);
            }).orElseThrow();
        }
        byte[] content = Files.readAllBytes(newest);
        Files.write(newest, cut == Cut.EMPTY ? new byte[0] : java.util.Arrays.copyOf(content, content.length / 2));
    }

    private static Map<String, List<String>> noTables() {
        Map<String, List<String>> out = new HashMap<>();
        for (Table table : Table.SWEEP_RUNS) {
            out.put(table.folder(), List.of());
        }
        return out;
    }

    /** The runs of a first sweep, as the engine journals them. */
    private static void journalFirstSweep(SweepStore store) {
        store.journal(TestRuns.run("t1", 1).build(), predictions(11));
        store.journal(TestRuns.run("t1", 2).accuracy(0.7).build(), predictions(12));
        store.journal(TestRuns.run("t2", 1).failed("boom").build(), predictions(99));
    }

    @Test
    void aReaderDuringAWriteSeesTheOldSnapshotUntilPublishThenTheNewOneNeverAMix() {
        Path root = dir.resolve("results");
        firstSweep(root);
        Map<String, Long> seen = new HashMap<>();
        StoreFaults reader = step -> {
            if (step.startsWith("table:") || step.equals("publish")) {
                SqlViews.register(SPARK, ResultsRoot.of(root));
                seen.put(step, SPARK.sql("SELECT count(*) FROM runs").first().getLong(0) * 1000
                        + SPARK.sql("SELECT count(*) FROM epochs").first().getLong(0));
            }
        };
        try (SweepStore store = store(root, reader)) {
            journalSecondSweep(store);
            store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
        }
        for (String step : List.of("table:runs", "table:epochs", "table:summary", "table:sweep")) {
            assertEquals(3 * 1000 + 3 * 2, seen.get(step), "during the write (" + step + "): the old 3 runs "
                    + "with 2 epochs each");
        }
        assertEquals(5 * 1000 + 5 * 2, seen.get("publish"), "once published: the new 5 runs with their epochs");
    }

    @Test
    void aTruncatedNewestManifestIsIgnoredByReadersAndRemovedByTheNextWriter() throws IOException {
        Path root = dir.resolve("results");
        firstSweep(root);
        Path snapshots = root.resolve(TestRuns.SWEEP).resolve(SweepTables.SNAPSHOTS);
        Files.writeString(snapshots.resolve("00000000000000000009.json"), "{\"version\": 9, \"tables\": {\"ru");
        Files.writeString(snapshots.resolve(".00000000000000000002.json.tmp-cut"), "{");

        assertEquals(2, SweepResults.open(SPARK, root, TestRuns.SWEEP).okValuesBySeed(RankMetric.ACCURACY)
                .values().stream().mapToInt(java.util.Map::size).sum(), "the 2 ok runs of the last complete snapshot");
        try (SweepStore store = store(root, StoreFaults.NONE)) {
            journalSecondSweep(store);
            store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
        }
        try (Stream<Path> files = Files.list(snapshots)) {
            assertEquals(List.of("00000000000000000002.json"),
                    files.map(p -> p.getFileName().toString()).toList());
        }
        assertComplete(root, 5);
    }

    /** A marked folder whose only manifest is damaged (not cut short: a disk error) is neither read as empty nor cleaned. */
    @Test
    void aDamagedOnlyManifestStopsReadersAndTheWriterWithoutDeletingTableFiles() throws IOException {
        Path root = dir.resolve("results");
        firstSweep(root);
        Path sweep = root.resolve(TestRuns.SWEEP);
        Path manifest;
        try (Stream<Path> files = Files.list(sweep.resolve(SweepTables.SNAPSHOTS))) {
            manifest = files.findFirst().orElseThrow();
        }
        Files.writeString(manifest, "garbage");
        java.io.UncheckedIOException reader = assertThrows(java.io.UncheckedIOException.class,
                () -> SweepResults.open(SPARK, root, TestRuns.SWEEP));
        assertTrue(reader.getMessage().contains(manifest.getFileName().toString()), reader.getMessage());
        assertThrows(java.io.UncheckedIOException.class, () -> store(root, StoreFaults.NONE).close());
        try (Stream<Path> files = Files.list(sweep.resolve("runs"))) {
            assertEquals(1, files.count(), "the table files stay for whoever restores the manifest");
        }
    }

    /** Every table's rows as sorted strings, read the way queries read them (through the snapshot). */
    private static Map<String, List<String>> tables(Path root) {
        return tables(root, Table.SWEEP_RUNS);
    }

    private static Map<String, List<String>> tables(Path root, Set<Table> read) {
        Map<String, List<String>> out = new HashMap<>();
        SweepTables tables = SweepTables.reader(SPARK, ResultsRoot.of(root), TestRuns.SWEEP);
        for (Table table : read) {
            out.put(table.folder(), tables.read(table).map(d -> d.collectAsList().stream().map(Row::toString)
                    .sorted().toList()).orElse(List.of()));
        }
        return out;
    }

    /** The sweep table's finished time is when consolidation ran: take it from the expectation. */
    private static Map<String, List<String>> withoutSweepTimes(Map<String, List<String>> actual,
                                                               Map<String, List<String>> expected) {
        Map<String, List<String>> out = new HashMap<>(actual);
        out.put("sweep", expected.get("sweep").size() == actual.get("sweep").size() ? expected.get("sweep")
                : actual.get("sweep"));
        return out;
    }

    private static void assertComplete(Path root, int runs) {
        SweepTables tables = SweepTables.reader(SPARK, ResultsRoot.of(root), TestRuns.SWEEP);
        List<Row> runRows = tables.read(Table.RUNS).orElseThrow().collectAsList();
        assertEquals(runs, runRows.size());
        Map<String, Long> epochs = perRun(tables, Table.EPOCHS);
        Map<String, Long> classes = perRun(tables, Table.CLASSES);
        Map<String, Long> confusion = perRun(tables, Table.CONFUSION);
        Map<String, Long> predictions = perRun(tables, Table.PREDICTIONS);
        Map<String, List<Double>> okAccuracy = new HashMap<>();
        for (Row run : runRows) {
            String key = run.getAs("trial_id") + "/" + run.getAs("seed");
            RunStatus status = RunStatus.of(run.getAs("status"));
            if (status.finished()) {
                assertEquals((long) (int) run.getAs("epochs_trained"), epochs.getOrDefault(key, 0L),
                        key + ": one epochs row per epoch trained");
            }
            if (status == RunStatus.OK) {
                assertEquals(2L, classes.getOrDefault(key, 0L), key + ": its classes rows");
                assertEquals(4L, confusion.getOrDefault(key, 0L), key + ": its confusion cells");
                assertEquals((long) ITEMS, predictions.getOrDefault(key, 0L), key + ": one prediction per test item");
                okAccuracy.computeIfAbsent(run.getAs("trial_id"), k -> new ArrayList<>())
                        .add(run.getAs("test_accuracy"));
            }
        }
        for (Row summary : tables.read(Table.SUMMARY).orElseThrow().collectAsList()) {
            List<Double> ok = okAccuracy.getOrDefault(summary.<String>getAs("trial_id"), List.of());
            assertEquals(ok.size(), (int) summary.getAs("runs_ok"), "summary agrees with runs");
            if (!ok.isEmpty()) {
                assertEquals(ok.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                        (double) summary.getAs("accuracy_mean"), 1e-12, "summary mean agrees with runs");
            }
        }
        assertEquals(okAccuracy.values().stream().mapToLong(List::size).sum() * ITEMS,
                tables.read(Table.PREDICTIONS).orElseThrow().count(), "predictions of ok runs only");
        assertEquals(List.of(), new Journal(root).names(), "the journal is consumed");
    }

    private static Map<String, Long> perRun(SweepTables tables, Table table) {
        Map<String, Long> counts = new HashMap<>();
        tables.read(table).orElseThrow().select("trial_id", "seed").collectAsList()
                .forEach(r -> counts.merge(r.getString(0) + "/" + r.getLong(1), 1L, Long::sum));
        return counts;
    }

    /** The journal files left in a sweep folder. */
    private record Journal(Path root) {
        List<String> names() {
            try (Stream<Path> files = Files.list(root.resolve(TestRuns.SWEEP).resolve("_journal"))) {
                return files.map(p -> p.getFileName().toString()).sorted().toList();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Plain Parquet readers of a table folder see exactly the snapshot: no staged or replaced file is left. Each table is
     * one file, except predictions, which gains a file per consolidation that brought new runs.
     */
    private static void assertOnlyCurrentFiles(Path root) throws IOException {
        Map<String, List<String>> snapshot = SweepResults.snapshotFiles(ResultsRoot.of(root),
                new org.apache.hadoop.conf.Configuration(), TestRuns.SWEEP);
        for (Table table : Table.SWEEP_RUNS) {
            try (Stream<Path> files = Files.list(root.resolve(TestRuns.SWEEP).resolve(table.folder()))) {
                List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
                List<String> current = snapshot.get(table.folder()).stream()
                        .map(f -> new org.apache.hadoop.fs.Path(f).getName()).sorted().toList();
                assertEquals(current, names, table + ": only the snapshot's files");
                if (table != Table.PREDICTIONS) {
                    assertEquals(1, names.size(), table + ": " + names);
                }
                assertFalse(names.get(0).startsWith("."), names.toString());
            }
        }
    }
}
