package io.sparksweep.store;

import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.SharedResults;
import io.sparksweep.testing.TestResults;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SharedResults.class)
class SqlViewsTest {

    private static final SparkSession SPARK = LocalSpark.session();

    private static SqlViews.Registered registered;

    @BeforeAll
    static void registerTwoSweeps(SharedResults.Folder results) {
        registered = SqlViews.register(SPARK, results.path());
    }

    private static List<Row> sql(String query) {
        return SPARK.sql(query).collectAsList();
    }

    @Test
    void registersEveryViewAndFindsBothSweeps() {
        assertEquals(List.of(TestResults.ALPHA, TestResults.BETA), registered.sweeps());
        assertEquals(List.of("runs", "epochs", "classes", "confusion", "trials", "summary", "sweeps", "reruns",
                "rerun_epochs", "rerun_classes", "race", "promotions", "predictions", "class_summary", "marginals", "budget"),
                registered.views());
    }

    @Test
    void viewsUnionSweepsWithDifferentHyperparameterColumns() {
        assertEquals(4 * 3 + 1 + 1 + 2, sql("SELECT * FROM runs").size());
        Row alphaRun = sql("SELECT dropout, augment FROM runs WHERE sweep = 'alpha' AND trial_id = 't2' "
                + "AND seed = 1").get(0);
        assertNull(alphaRun.get(0), "alpha has no dropout");
        assertEquals(false, alphaRun.get(1));
        Row betaRun = sql("SELECT dropout, augment FROM runs WHERE sweep = 'beta' LIMIT 1").get(0);
        assertEquals(0.5, betaRun.getDouble(0));
        assertNull(betaRun.get(1), "beta has no augment");
        List<String> columns = List.of(SPARK.table("runs").columns());
        assertTrue(columns.indexOf("dropout") < columns.indexOf("status"), "hyperparameters stay together: " + columns);
        assertEquals(2, sql("SELECT * FROM sweeps").size());
        assertEquals(5, sql("SELECT * FROM summary").size());
    }

    @Test
    void classSummaryAveragesEachClassOverTheOkRuns() {
        List<Row> rows = sql("SELECT label, class_name, precision_mean, recall_mean, f1_mean FROM class_summary "
                + "WHERE sweep = 'alpha' AND trial_id = 't1' ORDER BY label");

        assertEquals(2, rows.size());
        assertEquals("cat", rows.get(0).getString(1));
        assertEquals(0.75, rows.get(0).getDouble(2), 1e-12);
        assertEquals(0.95, rows.get(1).getDouble(3), 1e-12);
    }

    @Test
    void marginalsCoverEveryHyperparameterValueOfEachSweep() {
        List<Row> lr = sql("SELECT value, trials, n, accuracy_mean FROM marginals "
                + "WHERE sweep = 'alpha' AND hyperparameter = 'learning_rate' ORDER BY value");

        assertEquals(2, lr.size(), "1.0 had only a diverged run, so it has no ok run to average");
        assertEquals("0.001", lr.get(0).getString(0));
        assertEquals(2, lr.get(0).getInt(1));
        assertEquals(8, lr.get(0).getInt(2));
        assertEquals((0.900 + 0.910 + 0.890 + 0.905 + 0.895 + 0.905 + 0.900 + 0.910) / 8, lr.get(0).getDouble(3),
                1e-12);
        assertEquals(1, sql("SELECT * FROM marginals WHERE sweep = 'beta' AND hyperparameter = 'dropout'").size());
    }

    /**
     * alpha's three ranked trials have mean accuracies 0.80125, 0.90125 and 0.9025 (t4 has no ok run). With the
     * empirical CDF, one configuration drawn at random is expected to score their mean, and the best of n draws
     * approaches 0.9025; the values follow from Dodge et al.'s formula by hand, e.g. for n = 2:
     * 0.80125 * 1/9 + 0.90125 * 3/9 + 0.9025 * 5/9.
     */
    @Test
    void budgetIsTheExpectedBestAccuracyOfEachNumberOfConfigurations() {
        List<Row> alpha = sql("SELECT configurations, expected_best_accuracy, expected_best_accuracy_std FROM budget "
                + "WHERE sweep = 'alpha' ORDER BY configurations");

        assertEquals(3, alpha.size());
        assertEquals(1, alpha.get(0).getInt(0));
        assertEquals((0.80125 + 0.90125 + 0.9025) / 3, alpha.get(0).getDouble(1), 1e-12);
        assertEquals((0.80125 + 3 * 0.90125 + 5 * 0.9025) / 9, alpha.get(1).getDouble(1), 1e-12);
        assertEquals((0.80125 + 7 * 0.90125 + 19 * 0.9025) / 27, alpha.get(2).getDouble(1), 1e-12);
        assertTrue(alpha.get(2).getDouble(2) < alpha.get(0).getDouble(2), "more tries, less spread");
        assertEquals(0.71, sql("SELECT expected_best_accuracy FROM budget WHERE sweep = 'beta'").get(0).getDouble(0),
                1e-12);
    }

    @Test
    void aMissingOrEmptyResultsFolderIsAOneLineError(@TempDir Path empty) throws IOException {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SqlViews.register(SPARK, empty.resolve("nope")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

        Files.createDirectories(empty.resolve("not-a-sweep"));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> SqlViews.register(SPARK, empty));
        assertTrue(none.getMessage().contains("holds no sweep") && !none.getMessage().contains("\n"),
                none.getMessage());
    }
}
