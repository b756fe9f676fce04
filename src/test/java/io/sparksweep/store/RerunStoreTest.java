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

/** The rerun tables' journal and merge, on records built without training. */
class RerunStoreTest {

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
            RerunStore reruns = new RerunStore(store);
            reruns.journal(rerun(TestRuns.run("t1", 11).repeat(0).accuracy(0.81), "t1-11"));
            reruns.journal(rerun(TestRuns.run("t1", 12).repeat(1).failed("OutOfMemoryError"), "t1-12"));
            assertEquals(Set.of("t1-11"), reruns.finishedRunIds(), "durable before any table is written; failed is retried");

            reruns.consolidate();
            assertTrue(store.listFiles(RerunStore.JOURNAL).isEmpty(), "the journal is consumed");
            List<Row> rows = reruns.reruns().orElseThrow().orderBy("run_id").collectAsList();
            assertEquals(2, rows.size());
            assertEquals(0.81, rows.get(0).<Double>getAs("test_accuracy"));
            assertEquals("models/t1-11/model.zip", rows.get(0).getAs("model_path"));
            assertEquals("failed", rows.get(1).getAs("status"));
            assertEquals(Set.of("t1-11"), new RerunStore(store).finishedRunIds(), "from the table now");

            reruns.journal(rerun(TestRuns.run("t1", 11).repeat(0).failed("late failure").finishedAt(TestRuns.BASE_TIME * 2), "t1-11"));
            reruns.journal(rerun(TestRuns.run("t1", 12).repeat(1).accuracy(0.79).finishedAt(TestRuns.BASE_TIME * 2), "t1-12"));
            reruns.consolidate();
            List<Row> after = reruns.reruns().orElseThrow().orderBy("run_id").collectAsList();
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
}
