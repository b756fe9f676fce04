package io.sparksweep.store;

import io.sparksweep.run.RunKey;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.TestRuns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepStoreTest {

    private static final SparkSession SPARK = LocalSpark.session();
    private static final List<TrialRecord> TRIALS = List.of(TestRuns.trial("t1", TestRuns.defaultSettings()),
            TestRuns.trial("t2", TestRuns.settings(0.01, 128, true, "sgd")));

    @TempDir
    Path root;

    private SweepStore open;

    /** Opens the sweep folder as a new process would: the previous store is closed first (its lock released). */
    private SweepStore store() {
        closeStore();
        open = new SweepStore(SPARK, root, TestRuns.SWEEP);
        return open;
    }

    @AfterEach
    void closeStore() {
        if (open != null) {
            open.close();
            open = null;
        }
    }

    private void consolidate(SweepStore store) {
        store.consolidate(TestRuns.info(TestRuns.SWEEP), TRIALS);
    }

    private Dataset<Row> table(String name) {
        return SPARK.read().parquet(root.resolve(TestRuns.SWEEP).resolve(name).toString());
    }

    private static String columns(Dataset<Row> table) {
        return Arrays.stream(table.schema().fields()).map(f -> f.name() + ":" + f.dataType().simpleString())
                .collect(Collectors.joining(", "));
    }

    @Test
    void consolidatedTablesHaveTheDocumentedColumnsAndTypes() {
        SweepStore store = store();
        store.journal(TestRuns.run("t1", 1).build());
        store.journal(TestRuns.run("t1", 2).accuracy(0.7).build());
        store.journal(TestRuns.run("t2", 1).failed("out of memory").build());
        consolidate(store);

        String settings = "learning_rate:double, batch_size:int, augment:boolean, optimizer:string";
        assertEquals("sweep:string, trial_id:string, model:string, seed:bigint, repeat:int, " + settings + ", status:string, "
                + "error:string, test_accuracy:double, test_loss:double, macro_f1:double, weighted_f1:double, "
                + "epochs_trained:int, best_epoch:int, train_seconds:double, executor:string, gpu:string, "
                + "provenance:string, finished_at:timestamp, val_accuracy:double, val_loss:double", columns(table("runs")));
        assertEquals("sweep:string, trial_id:string, seed:bigint, epoch:int, train_loss:double, val_loss:double, "
                + "val_accuracy:double, seconds:double", columns(table("epochs")));
        assertEquals("sweep:string, trial_id:string, seed:bigint, label:int, class_name:string, precision:double, "
                + "recall:double, f1:double, support:bigint", columns(table("classes")));
        assertEquals("sweep:string, trial_id:string, seed:bigint, actual:int, predicted:int, count:bigint",
                columns(table("confusion")));
        assertEquals("sweep:string, trial_id:string, model:string, " + settings + ", parameters:bigint, "
                + "flops:bigint, macs:bigint, cost_json:string, network_json:string, plan_json:string", columns(table("trials")));
        assertEquals("sweep:string, trial_id:string, model:string, " + settings + ", runs_ok:int, runs_failed:int, "
                + "runs_diverged:int, accuracy_mean:double, accuracy_std:double, accuracy_ci95:double, "
                + "accuracy_min:double, accuracy_max:double, loss_mean:double, epochs_mean:double, "
                + "train_seconds_mean:double, macro_f1_mean:double, parameters:bigint, flops:bigint, macs:bigint",
                columns(table("summary")));
        assertEquals("name:string, spec_text:string, spec_hash:string, seed:bigint, repeats:int, "
                + "started:timestamp, finished:timestamp, spark_master:string, versions:string, origin:string",
                columns(table("sweep")));

        assertEquals(3, table("runs").count());
        assertEquals(6, table("epochs").count());
        assertEquals(4, table("classes").count(), "two classes for each ok run, none for the failed one");
        assertEquals(8, table("confusion").count(), "every cell of each 2x2 matrix");
        Row failed = table("runs").filter("status = 'failed'").first();
        assertNull(failed.getAs("test_accuracy"), "NaN accuracy of a failed run is stored as null");
        assertEquals("out of memory", failed.getAs("error"));
        Row ok = table("runs").filter("seed = 2").first();
        assertEquals(0.001, (double) ok.getAs("learning_rate"));
        assertEquals(64, (int) ok.getAs("batch_size"));
        assertEquals(TestRuns.BASE_TIME + 2000, ((java.sql.Timestamp) ok.getAs("finished_at")).getTime());
        assertEquals(0.69, (double) ok.getAs("val_accuracy"), 1e-12, "the best epoch's (epoch 2) validation accuracy");
        assertEquals(0.52, (double) ok.getAs("val_loss"), 1e-12, "the best epoch's validation loss");
        assertNull(failed.getAs("val_accuracy"), "a failed run has no best epoch");
        assertEquals(2, table("trials").count());
        assertEquals(TestRuns.SWEEP, table("sweep").first().getAs("name"));
    }

    /**
     * A later spec of the same sweep that gives a hyperparameter values of another type, or adds one: the stored rows are
     * merged under the widened column (int to double, number to string) and get nulls in the new one.
     */
    @Test
    void aLaterSpecWidensAColumnAndAddsOneAndTheStoredRowsFollow() {
        Map<String, Object> first = new java.util.LinkedHashMap<>(TestRuns.defaultSettings());
        first.put("width", 3);
        first.put("pool", 2);
        SweepStore store = store();
        store.journal(TestRuns.run("t1", 1).settings(first).build());
        store.consolidate(TestRuns.info(TestRuns.SWEEP), List.of(TestRuns.trial("t1", first)));
        Map<String, Object> later = new java.util.LinkedHashMap<>(TestRuns.defaultSettings());
        later.put("width", 2.5);
        later.put("pool", "max");
        later.put("depth", 4);
        store.journal(TestRuns.run("t3", 1).settings(later).build());
        store.consolidate(TestRuns.info(TestRuns.SWEEP), List.of(TestRuns.trial("t3", later)));

        for (String table : List.of("runs", "trials", "summary")) {
            Map<String, Row> byTrial = table(table).collectAsList().stream()
                    .collect(Collectors.toMap(r -> r.<String>getAs("trial_id"), r -> r));
            assertTrue(columns(table(table)).contains("width:double, pool:string, depth:int"), columns(table(table)));
            assertEquals(3.0, (double) byTrial.get("t1").getAs("width"), table);
            assertEquals("2", byTrial.get("t1").getAs("pool"), table);
            assertNull(byTrial.get("t1").getAs("depth"), table);
            assertEquals(2.5, (double) byTrial.get("t3").getAs("width"), table);
            assertEquals("max", byTrial.get("t3").getAs("pool"), table);
            assertEquals(4, (int) byTrial.get("t3").getAs("depth"), table);
        }
    }

    @Test
    void finishedRunsCountOkAndDivergedButNotFailedBeforeAndAfterConsolidation() {
        SweepStore store = store();
        store.journal(TestRuns.run("t1", 1).build());
        store.journal(TestRuns.run("t1", 2).diverged().build());
        store.journal(TestRuns.run("t2", 1).failed("boom").build());
        Set<RunKey> expected = Set.of(new RunKey("t1", 1), new RunKey("t1", 2));

        assertEquals(expected, store.finishedRuns(), "from the journal alone");
        consolidate(store);
        assertEquals(expected, store.finishedRuns(), "from the runs table");
        assertEquals(expected, store().finishedRuns(), "from a fresh store, as after a restart");
    }

    @Test
    void aLaterOkRecordReplacesAFailedOneAndAFailedRetryNeverEvictsAFinishedRun() {
        SweepStore store = store();
        store.journal(TestRuns.run("t1", 1).failed("boom").finishedAt(TestRuns.BASE_TIME).build());
        store.journal(TestRuns.run("t2", 1).finishedAt(TestRuns.BASE_TIME).build());
        consolidate(store);
        assertFalse(store.finishedRuns().contains(new RunKey("t1", 1)));

        SweepStore afterRestart = store();
        afterRestart.journal(TestRuns.run("t1", 1).accuracy(0.91).finishedAt(TestRuns.BASE_TIME + 5).build());
        afterRestart.journal(TestRuns.run("t2", 1).failed("late").finishedAt(TestRuns.BASE_TIME + 5).build());
        consolidate(afterRestart);

        List<Row> runs = table("runs").orderBy("trial_id").collectAsList();
        assertEquals(2, runs.size());
        assertEquals("ok", runs.get(0).getAs("status"));
        assertEquals(0.91, (double) runs.get(0).getAs("test_accuracy"));
        assertEquals("ok", runs.get(1).getAs("status"), "the earlier ok run of t2 is kept");
        assertEquals(2, table("epochs").filter("trial_id = 't1'").count(), "only the ok record's curve");
        assertEquals(Set.of(new RunKey("t1", 1), new RunKey("t2", 1)), afterRestart.finishedRuns());
    }

    @Test
    void consolidatingTwiceChangesNothingAndLeavesNoTemporaryFolders() throws IOException {
        SweepStore store = store();
        store.journal(TestRuns.run("t1", 1).build());
        store.journal(TestRuns.run("t2", 1).diverged().build());
        consolidate(store);
        List<List<String>> first = snapshot();

        consolidate(store);

        assertEquals(first, snapshot());
        try (Stream<Path> entries = Files.list(store.sweepDir())) {
            assertEquals(Set.of("runs", "epochs", "classes", "confusion", "predictions", "trials", "summary", "sweep",
                            "_journal", "_snapshots", "_lock", StoreFormat.FILE),
                    entries.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        try (Stream<Path> journal = Files.list(store.sweepDir().resolve("_journal"))) {
            assertEquals(0, journal.count(), "consumed journal entries are removed");
        }
    }

    private List<List<String>> snapshot() {
        return Stream.of("runs", "epochs", "classes", "confusion", "trials", "summary", "sweep")
                .map(t -> table(t).collectAsList().stream().map(Row::toString).sorted().toList()).toList();
    }

    @Test
    void aLegacyTableMovedAsideByACrashIsRestoredAndTempFoldersAreRemoved() throws IOException {
        SweepStore store = store();
        store.journal(TestRuns.run("t1", 1).build());
        consolidate(store);
        Path sweepDir = store.sweepDir();
        // A sweep folder of the rename-swapping writer used before snapshots: table folders only, no format marker.
        deleteTree(sweepDir.resolve("_snapshots"));
        Files.delete(sweepDir.resolve(StoreFormat.FILE));
        Files.move(sweepDir.resolve("runs"), sweepDir.resolve(".runs.old-crash"));
        Files.createDirectories(sweepDir.resolve(".epochs.tmp-crash"));

        SweepStore restarted = store();

        assertTrue(Files.isDirectory(sweepDir.resolve("runs")));
        assertFalse(Files.exists(sweepDir.resolve(".epochs.tmp-crash")));
        assertEquals(Set.of(new RunKey("t1", 1)), restarted.finishedRuns());
    }

    @Test
    void aSweptModelFamilyLivesInTheModelColumnOfRunsTrialsAndSummaryWithNoHyperparameterTwin() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", "lenet5");
        settings.put("learningRate", 0.01);
        SweepStore store = store();
        store.journal(TestRuns.run("t1", 1).model("lenet5").settings(settings).build());
        store.consolidate(TestRuns.info(TestRuns.SWEEP), List.of(new TrialRecord("t1", "lenet5", settings,
                "{}", 10L, 20L, 10L, "[]")));

        for (String name : List.of("runs", "trials", "summary")) {
            Dataset<Row> table = table(name);
            assertTrue(columns(table).startsWith("sweep:string, trial_id:string, model:string, "), columns(table));
            assertFalse(columns(table).contains("hp_model"), columns(table));
            assertEquals("lenet5", table.first().getAs("model"), name);
            assertEquals(0.01, (double) table.first().getAs("learning_rate"), name);
        }
    }

    @Test
    void aHyperparameterThatChangesTypeOrAppearsOnResumeWidensTheColumnKeepingOldRuns() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("learningRate", 1);
        SweepStore store = store();
        store.journal(TestRuns.run("old", 1).settings(before).build());
        store.consolidate(TestRuns.info(TestRuns.SWEEP), List.of(TestRuns.trial("old", before)));
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("learningRate", 0.5);
        after.put("dropout", 0.2);

        store.journal(TestRuns.run("new", 1).settings(after).build());
        store.consolidate(TestRuns.info(TestRuns.SWEEP), List.of(TestRuns.trial("new", after)));

        Dataset<Row> runs = table("runs");
        assertTrue(columns(runs).contains("learning_rate:double, dropout:double, status:string"), columns(runs));
        Row old = runs.filter("trial_id = 'old'").first();
        assertEquals(1.0, (double) old.getAs("learning_rate"));
        assertNull(old.getAs("dropout"));
        assertEquals(2, table("trials").count(), "trials of the earlier spec are kept");
        assertEquals(2, table("summary").count());
    }

    @Test
    void aResultsRootThatCannotBeWrittenFailsInTheConstructorNamingTheFolder() throws IOException {
        Path file = Files.writeString(root.resolve("not-a-folder"), "x");
        Path badRoot = file.resolve("results");

        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> new SweepStore(SPARK, badRoot, "demo").close());

        assertTrue(error.getMessage().contains(badRoot.toString()), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
    }

    @Test
    void aSweepNameThatIsNoFolderNameIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SweepStore(SPARK, root, "../escape").close());
        assertTrue(error.getMessage().contains("../escape"), error.getMessage());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
