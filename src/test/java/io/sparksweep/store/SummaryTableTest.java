package io.sparksweep.store;

import io.sparksweep.run.ClassMetrics;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.TestRuns;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SummaryTableTest {

    private static final SparkSession SPARK = LocalSpark.session();
    private static final Map<String, Object> MANY = TestRuns.settings(0.001, 64, false, "adam");
    private static final Map<String, Object> ONE = TestRuns.settings(0.01, 32, true, "sgd");
    private static final Map<String, Object> NONE = TestRuns.settings(0.1, 16, true, "sgd");

    @TempDir
    static Path root;

    private static Map<String, Row> summary;

    @BeforeAll
    static void consolidateConstructedRuns() {
        try (SweepStore store = new SweepStore(SPARK, root, TestRuns.SWEEP)) {
            consolidate(store);
        }
    }

    private static void consolidate(SweepStore store) {
        store.journal(TestRuns.run("many", 1).settings(MANY).accuracy(0.80).loss(0.50).seconds(10).build());
        store.journal(TestRuns.run("many", 2).settings(MANY).accuracy(0.84).loss(0.40).seconds(20).build());
        store.journal(TestRuns.run("many", 3).settings(MANY).accuracy(0.86).loss(0.30).seconds(30)
                .epochsTrained(5).build());
        store.journal(TestRuns.run("many", 4).settings(MANY).failed("must not count").seconds(1000).build());
        store.journal(TestRuns.run("one", 1).settings(ONE).accuracy(0.9).loss(0.2).build());
        store.journal(TestRuns.run("one", 2).settings(ONE).diverged().build());
        store.consolidate(TestRuns.info(TestRuns.SWEEP), List.of(TestRuns.trial("many", MANY),
                TestRuns.trial("one", ONE), TestRuns.trial("none", NONE)));
        summary = new java.util.HashMap<>();
        SPARK.read().parquet(store.sweepDir().resolve("summary").toString()).collectAsList()
                .forEach(r -> summary.put(r.getAs("trial_id"), r));
    }

    @Test
    void statisticsAreOverTheOkRunsOnlyWithSampleStdAndTInterval() {
        Row many = summary.get("many");

        assertEquals(3, (int) many.getAs("runs_ok"));
        assertEquals(1, (int) many.getAs("runs_failed"));
        assertEquals(0, (int) many.getAs("runs_diverged"));
        assertEquals(0.8333333333333334, many.getAs("accuracy_mean"), 1e-12);
        assertEquals(0.030550504633038898, many.getAs("accuracy_std"), 1e-12);
        // t(0.975, 2) = 4.302652729749464
        assertEquals(4.302652729749464 * 0.030550504633038898 / Math.sqrt(3), many.getAs("accuracy_ci95"), 1e-9);
        assertEquals(0.80, many.getAs("accuracy_min"), 0.0);
        assertEquals(0.86, many.getAs("accuracy_max"), 0.0);
        assertEquals(0.40, many.getAs("loss_mean"), 1e-12);
        assertEquals(20.0, many.getAs("train_seconds_mean"), 1e-12, "the failed run's 1000 s must not count");
        assertEquals(3.0, many.getAs("epochs_mean"), 1e-12);
        List<ClassMetrics> classes = TestRuns.run("x", 1).build().classes();
        assertEquals(ClassAverages.macro(classes).f1(), many.getAs("macro_f1_mean"), 1e-12);
    }

    @Test
    void oneOkRunHasAMeanButNoSpreadAndDivergedRunsAreCounted() {
        Row one = summary.get("one");

        assertEquals(1, (int) one.getAs("runs_ok"));
        assertEquals(1, (int) one.getAs("runs_diverged"));
        assertEquals(0.9, one.getAs("accuracy_mean"), 0.0);
        assertNull(one.getAs("accuracy_std"));
        assertNull(one.getAs("accuracy_ci95"));
    }

    @Test
    void aTrialWithoutRunsStillHasItsRowWithSettingsAndCost() {
        Row none = summary.get("none");

        assertEquals(3, summary.size());
        assertEquals(0, (int) none.getAs("runs_ok"));
        assertNull(none.getAs("accuracy_mean"));
        assertEquals(0.1, none.getAs("learning_rate"), 0.0);
        assertEquals(16, (int) none.getAs("batch_size"));
        assertEquals("mlp", none.getAs("model"));
        assertEquals(TestRuns.trial("none", NONE).parameters(), (long) none.getAs("parameters"));
    }
}
