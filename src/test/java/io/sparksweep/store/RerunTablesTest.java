package io.sparksweep.store;

import io.sparksweep.run.RunRecord;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.TestRuns;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reruns through the sweep's journal and consolidation into the rerun tables, on records built without training. */
class RerunTablesTest {

    private static final SparkSession SPARK = LocalSpark.session();

    @TempDir
    Path root;

    private static RerunRecord rerun(TestRuns run, String runId) {
        RunRecord record = run.build();
        return new RerunRecord(record, runId, false, 2, record.ok() ? "models/" + runId + "/model.zip" : null);
    }

    @Test
    void journaledRunsAreFinishedAtOnceAndMergeIntoTheTablesOnce() {
        try (SweepStore store = new SweepStore(SPARK, root, TestRuns.SWEEP)) {
            store.consolidate(TestRuns.info(TestRuns.SWEEP), List.of(TestRuns.trial("t1", TestRuns.defaultSettings())));
            store.journal(rerun(TestRuns.run("t1", 11).repeat(0).accuracy(0.81), "t1-11"));
            store.journal(rerun(TestRuns.run("t1", 12).repeat(1).failed("OutOfMemoryError"), "t1-12"));
            assertEquals(Set.of("t1-11"), store.finishedReruns(), "durable before any table is written; failed is retried");
            assertEquals(Set.of(), store.finishedRuns(), "a rerun's run is no run of the sweep");

            store.consolidateReruns();
            assertTrue(store.listFiles("_journal").isEmpty(), "the journal is consumed");
            List<Row> rows = store.rerunTable().orElseThrow().orderBy("run_id").collectAsList();
            assertEquals(2, rows.size());
            assertEquals(0.81, rows.get(0).<Double>getAs("test_accuracy"));
            assertEquals("models/t1-11/model.zip", rows.get(0).getAs("model_path"));
            assertEquals("failed", rows.get(1).getAs("status"));
            assertEquals(Set.of("t1-11"), store.finishedReruns(), "from the table now");

            store.journal(rerun(TestRuns.run("t1", 11).repeat(0).failed("late failure").finishedAt(TestRuns.BASE_TIME * 2), "t1-11"));
            store.journal(rerun(TestRuns.run("t1", 12).repeat(1).accuracy(0.79).finishedAt(TestRuns.BASE_TIME * 2), "t1-12"));
            store.consolidateReruns();
            List<Row> after = store.rerunTable().orElseThrow().orderBy("run_id").collectAsList();
            assertEquals("ok", after.get(0).getAs("status"), "a failed retry never evicts a finished run");
            assertEquals(0.81, after.get(0).<Double>getAs("test_accuracy"));
            assertEquals(0.79, after.get(1).<Double>getAs("test_accuracy"), "a finished retry replaces the failed run");
            assertEquals(2 * 2, SPARK.read().parquet(root.resolve(TestRuns.SWEEP).resolve("rerun_classes").toString()).count(),
                    "per-class rows of the two ok runs (2 classes each)");

            SqlViews.register(SPARK, root);
            assertEquals(2L, SPARK.sql("SELECT count(*) FROM reruns r JOIN trials t USING (sweep, trial_id)").first().getLong(0),
                    "the reruns view joins the sweep's trials");
            assertTrue(Files.isDirectory(root.resolve(TestRuns.SWEEP).resolve("rerun_epochs")));
        }
    }

    /** One journal: a sweep's consolidation takes the reruns along; a rerun's leaves the sweep's runs to the sweep. */
    @Test
    void aSweepsConsolidationMergesJournaledRerunsAndARerunsLeavesTheSweepsRuns() throws Exception {
        List<TrialRecord> trials = List.of(TestRuns.trial("t1", TestRuns.defaultSettings()));
        try (SweepStore store = new SweepStore(SPARK, root, TestRuns.SWEEP)) {
            store.journal(TestRuns.run("t1", 1).build());
            store.consolidate(TestRuns.info(TestRuns.SWEEP), trials);
            store.journal(TestRuns.run("t1", 2).accuracy(0.7).build());
            store.journal(rerun(TestRuns.run("t1", 11).repeat(0).accuracy(0.81), "t1-11"));
            List<Integer> formats = new java.util.ArrayList<>();
            for (String name : store.listFiles("_journal")) {
                formats.add(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(store.readFile("_journal/" + name).orElseThrow()).path("format").asInt());
            }
            assertEquals(List.of(2, 3), formats.stream().sorted().toList(),
                    "a sweep's run stays format 2; a rerun's is format 3, which a version without reruns refuses");

            store.consolidateReruns();
            assertEquals(1, store.rerunTable().orElseThrow().count());
            assertEquals(1, SweepTables.reader(SPARK, ResultsRoot.of(root), TestRuns.SWEEP).read(Table.RUNS)
                    .orElseThrow().count(), "the sweep's journaled run waits for the sweep's consolidation");
            assertEquals(1, store.listFiles("_journal").size());
            assertTrue(store.finishedRuns().contains(new io.sparksweep.run.RunKey("t1", 2)));

            store.journal(rerun(TestRuns.run("t1", 12).repeat(1).accuracy(0.79), "t1-12"));
            store.consolidate(TestRuns.info(TestRuns.SWEEP), trials);
            assertEquals(2, SweepTables.reader(SPARK, ResultsRoot.of(root), TestRuns.SWEEP).read(Table.RUNS)
                    .orElseThrow().count());
            assertEquals(Set.of("t1-11", "t1-12"), store.finishedReruns());
            assertEquals(2, store.rerunTable().orElseThrow().count(), "the sweep's consolidation took the rerun along");
            assertTrue(store.listFiles("_journal").isEmpty());
        }
    }

    /**
     * A sweep folder as the version that kept reruns apart left it ({@code src/test/resources/legacy/rerun-journal-v1},
     * written by that version's rerun store, rerun journal format 1): rerun tables on disk, and a {@code _rerun_journal}
     * cut short with a run already in the tables, a finished retry of a failed run and a run in no table. This version
     * reads its tables, resumes from its journal and consumes it.
     */
    @Test
    void aFolderWithTheOldRerunJournalIsReadResumedAndConsumed() throws Exception {
        io.sparksweep.testing.Folders.copyTree(io.sparksweep.testing.ProjectPaths.root()
                .resolve("src/test/resources/legacy/rerun-journal-v1"), root);
        Path legacy = root.resolve(TestRuns.SWEEP).resolve(LegacyRerunJournal.FOLDER);
        SqlViews.register(SPARK, root);
        assertEquals(List.of("t1-11:ok", "t1-12:failed"), SPARK.sql("SELECT run_id, status FROM reruns ORDER BY run_id")
                .collectAsList().stream().map(r -> r.getString(0) + ":" + r.getString(1)).toList(), "its tables read");
        try (SweepStore store = new SweepStore(SPARK, root, TestRuns.SWEEP)) {
            assertEquals(Set.of("t1-11", "t1-12", "t1-13"), store.finishedReruns(), "what a resumed rerun skips");
            assertEquals(2, store.finishedRuns().size(), "the sweep's runs, none of the reruns");
            store.consolidateReruns();
            List<Row> rows = store.rerunTable().orElseThrow().orderBy("run_id").collectAsList();
            assertEquals(List.of("t1-11", "t1-12", "t1-13"), rows.stream().map(r -> r.<String>getAs("run_id")).toList());
            assertEquals(List.of(0.81, 0.79, 0.83), rows.stream().map(r -> r.<Double>getAs("test_accuracy")).toList());
            assertEquals("models/t1-13/model.zip", rows.get(2).getAs("model_path"));
            assertEquals(0, io.sparksweep.testing.Folders.journalEntries(legacy), "the old journal is consumed");
            assertEquals(3 * 2, SweepTables.reader(SPARK, ResultsRoot.of(root), TestRuns.SWEEP)
                    .read(Table.RERUN_CLASSES).orElseThrow().count(), "2 classes per ok run");
        }
    }

    /** Users' folders have spaces and apostrophes; Hadoop takes a path string unescaped, so the root must hand it so. */
    @Test
    void aResultsFolderWithASpaceAndAnApostropheIsReadAndWritten() throws Exception {
        Path folder = root.resolve("sweep results of O'Neil");
        io.sparksweep.testing.Folders.copyTree(io.sparksweep.testing.ProjectPaths.root()
                .resolve("src/test/resources/legacy/rerun-journal-v1"), folder);
        SqlViews.register(SPARK, folder);
        assertEquals(2, SPARK.sql("SELECT * FROM reruns").count(), "its tables read");
        try (SweepStore store = new SweepStore(SPARK, folder, TestRuns.SWEEP)) {
            store.consolidateReruns();
            assertEquals(3, store.rerunTable().orElseThrow().count(), "the journal's run merged and written");
        }
        assertTrue(Files.isDirectory(folder.resolve(TestRuns.SWEEP).resolve("_snapshots")), "written where it was asked");
        assertEquals(1, Files.list(root).count(), "and nowhere else (no percent-escaped twin)");
    }
}
