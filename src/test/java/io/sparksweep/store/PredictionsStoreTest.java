package io.sparksweep.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparksweep.run.TestPredictions;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.TestRuns;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The predictions table through the journal, consolidation and snapshots: exact values, one added file per
 * consolidation, and sweeps whose runs and tables were written before predictions existed.
 */
class PredictionsStoreTest {

    private static final SparkSession SPARK = LocalSpark.session();
    private static final List<TrialRecord> TRIALS = List.of(TestRuns.trial("t1", TestRuns.defaultSettings()));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private SweepStore open() {
        return new SweepStore(SPARK, root, TestRuns.SWEEP);
    }

    private Path sweep() {
        return root.resolve(TestRuns.SWEEP);
    }

    /** "trial/seed/item label predicted p_label p_predicted" of every row, sorted. */
    private List<String> rows() {
        SweepTables tables = SweepTables.reader(SPARK, ResultsRoot.of(root), TestRuns.SWEEP);
        return tables.read(Table.PREDICTIONS).map(d -> d.collectAsList().stream().map(r -> r.getAs("trial_id") + "/"
                + r.getAs("seed") + "/" + r.getAs("item") + " " + r.getAs("label") + " " + r.getAs("predicted") + " "
                + r.getAs("p_label") + " " + r.getAs("p_predicted")).sorted().toList()).orElse(List.of());
    }

    private static List<String> expectedRows(String trial, long seed, TestPredictions p) {
        return java.util.stream.IntStream.range(0, p.items()).mapToObj(i -> trial + "/" + seed + "/" + i + " "
                + p.labels()[i] + " " + p.predicted()[i] + " " + p.labelProbability()[i] + " "
                + p.predictedProbability()[i]).toList();
    }

    private List<String> files(Table table) {
        return SweepTables.reader(SPARK, ResultsRoot.of(root), TestRuns.SWEEP).files(table).orElse(List.of());
    }

    @Test
    void okRunsKeepEveryItemExactlyAndEachConsolidationAddsOneFile() throws IOException {
        TestPredictions one = SweepStoreCrashTest.predictions(1);
        TestPredictions two = PredictionCodecTest.realistic(300, 10, 0.7, 2);
        try (SweepStore store = open()) {
            store.journal(TestRuns.run("t1", 1).build(), one);
            store.journal(TestRuns.run("t1", 2).failed("boom").build(), SweepStoreCrashTest.predictions(5));
            Path entry;
            try (Stream<Path> entries = Files.list(sweep().resolve("_journal"))) {
                entry = entries.filter(p -> p.getFileName().toString().startsWith("t1_1_")).findFirst().orElseThrow();
            }
            assertEquals(RunRecordJson.FIRST_WITH_PREDICTIONS, JSON.readTree(entry.toFile()).path("format").asInt(),
                    "a sweep run with predictions: format 2, so a version that knows no rerun entries still resumes");
            store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
        }
        assertEquals(expectedRows("t1", 1, one).stream().sorted().toList(), rows(), "a failed run has none");
        List<String> first = files(Table.PREDICTIONS);
        assertEquals(1, first.size());

        try (SweepStore store = open()) {
            store.journal(TestRuns.run("t1", 3).build(), two);
            store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
        }
        List<String> second = files(Table.PREDICTIONS);
        assertEquals(2, second.size());
        assertEquals(first.get(0), second.get(0), "the earlier runs' file is kept, not rewritten");
        assertEquals(Stream.concat(expectedRows("t1", 1, one).stream(), expectedRows("t1", 3, two).stream()).sorted()
                .toList(), rows());

        try (SweepStore store = open()) {
            store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
        }
        assertEquals(second, files(Table.PREDICTIONS), "nothing new, nothing written");
    }

    @Test
    void aRunThatReplacesAnOkRunReplacesItsPredictions() {
        TestPredictions old = SweepStoreCrashTest.predictions(1);
        TestPredictions fresh = SweepStoreCrashTest.predictions(2);
        try (SweepStore store = open()) {
            store.journal(TestRuns.run("t1", 1).build(), old);
            store.journal(TestRuns.run("t1", 2).build(), SweepStoreCrashTest.predictions(3));
            store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
        }
        try (SweepStore store = open()) {
            store.journal(TestRuns.run("t1", 1).finishedAt(TestRuns.BASE_TIME + 99_000).build(), fresh);
            store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
        }
        assertEquals(Stream.concat(expectedRows("t1", 1, fresh).stream(),
                expectedRows("t1", 2, SweepStoreCrashTest.predictions(3)).stream()).sorted().toList(), rows());
    }

    /**
     * A sweep begun by a version without predictions (its tables published without the table, a run still in its
     * journal in format 1) and resumed by this one: it publishes, the new runs have their predictions, the old ones
     * none.
     */
    @Test
    void aSweepBegunBeforePredictionsExistedIsResumedAndPublished() throws IOException {
        try (SweepStore store = open()) {
            store.journal(TestRuns.run("t1", 1).build(), SweepStoreCrashTest.predictions(1));
            store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
        }
        asWrittenBeforePredictions();
        assertFalse(SweepTables.reader(SPARK, ResultsRoot.of(root), TestRuns.SWEEP).exists(Table.PREDICTIONS));
        Path journal = sweep().resolve("_journal");
        byte[] oldEntry = formatOne(new RunRecordJson().write(TestRuns.run("t1", 2).accuracy(0.7).build()));
        Files.write(journal.resolve("t1_2_" + TestRuns.BASE_TIME + "_old.json"), oldEntry);

        TestPredictions fresh = PredictionCodecTest.realistic(50, 10, 0.8, 9);
        try (SweepStore store = open()) {
            assertEquals(2, store.finishedRuns().size(), "the old entry is read");
            store.journal(TestRuns.run("t1", 3).build(), fresh);
            store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
        }
        SweepTables tables = SweepTables.reader(SPARK, ResultsRoot.of(root), TestRuns.SWEEP);
        assertEquals(3, tables.read(Table.RUNS).orElseThrow().count(), "every run is published");
        assertEquals(expectedRows("t1", 3, fresh).stream().sorted().toList(), rows(), "only the new run has rows");
        try (Stream<Path> left = Files.list(journal)) {
            assertEquals(0, left.count(), "the journal is consumed");
        }
        SqlViews.register(SPARK, root);
        assertEquals(50L, SPARK.sql("SELECT count(*) FROM predictions").first().getLong(0));
    }

    @Test
    void aJournalEntryOfANewerFormatIsRefusedInOneLine() throws IOException {
        ObjectNode entry = (ObjectNode) JSON.readTree(new RunRecordJson().write(TestRuns.run("t1", 1).build()));
        entry.put("format", RunRecordJson.FORMAT + 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new RunRecordJson().read(JSON.writeValueAsBytes(entry), "x.json"));
        assertTrue(e.getMessage().contains("x.json") && e.getMessage().contains("newer"), e.getMessage());
    }

    /** What a version without predictions publishes: the same tables, no predictions table in the manifest. */
    private void asWrittenBeforePredictions() throws IOException {
        Path snapshots = sweep().resolve(SweepTables.SNAPSHOTS);
        try (Stream<Path> manifests = Files.list(snapshots)) {
            for (Path manifest : manifests.toList()) {
                ObjectNode root = (ObjectNode) JSON.readTree(manifest.toFile());
                ((ObjectNode) root.get("tables")).remove(Table.PREDICTIONS.folder());
                Files.write(manifest, JSON.writeValueAsBytes(root));
            }
        }
        try (Stream<Path> files = Files.list(sweep().resolve(Table.PREDICTIONS.folder()))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(sweep().resolve(Table.PREDICTIONS.folder()));
    }

    /** An entry as versions before predictions wrote it: the same fields under format 1. */
    static byte[] formatOne(byte[] entry) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(entry);
        root.put("format", 1);
        root.remove("predictions");
        return JSON.writeValueAsBytes(root);
    }
}
