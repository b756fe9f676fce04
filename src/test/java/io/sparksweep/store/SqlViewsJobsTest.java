package io.sparksweep.store;

import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.SharedResults;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What registering the SQL views costs in Spark jobs: the derived views are computed only for queries that read them. */
@ExtendWith(SharedResults.class)
class SqlViewsJobsTest {

    private static final SparkSession SPARK = LocalSpark.session();

    /** The thread-local property that marks this test's jobs: classes running beside it use the same session. */
    private static final String MARK = "sparksweep.test.counted";

    private static final class JobCounter extends SparkListener {
        final AtomicInteger jobs = new AtomicInteger();
        final String mark;

        JobCounter(String mark) {
            this.mark = mark;
        }

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            if (start.properties() != null && mark.equals(start.properties().getProperty(MARK))) {
                jobs.incrementAndGet();
            }
        }
    }

    /** Spark jobs started by {@code work} on this thread, counted once the listener bus has delivered them. */
    private static int jobs(Runnable work) throws TimeoutException {
        JobCounter counter = new JobCounter(java.util.UUID.randomUUID().toString());
        SPARK.sparkContext().addSparkListener(counter);
        SPARK.sparkContext().setLocalProperty(MARK, counter.mark);
        try {
            work.run();
            SPARK.sparkContext().listenerBus().waitUntilEmpty(30_000);
            return counter.jobs.get();
        } finally {
            SPARK.sparkContext().setLocalProperty(MARK, null);
            SPARK.sparkContext().removeSparkListener(counter);
        }
    }

    @Test
    void theBudgetAndMarginalsAreComputedOnlyWhenAQueryReadsThemAndThenOnce(SharedResults.Folder results)
            throws TimeoutException {
        int tables = 0;
        for (String sweep : SqlViews.sweepNames(results.path())) {
            SweepTables reader = SweepTables.reader(SPARK, ResultsRoot.of(results.path()), sweep);
            for (Table table : Table.values()) {
                tables += reader.files(table).map(files -> files.isEmpty() ? 0 : 1).orElse(0);
            }
        }
        int register = jobs(() -> SqlViews.register(SPARK, results.path()));
        int selectOne = jobs(() -> SPARK.sql("SELECT 1").collectAsList());
        int runs = jobs(() -> SPARK.sql("SELECT count(*) FROM runs").collectAsList());
        int budget = jobs(() -> SPARK.sql("SELECT * FROM budget").collectAsList());
        int budgetAgain = jobs(() -> SPARK.sql("SELECT * FROM budget").collectAsList());
        int marginals = jobs(() -> SPARK.sql("SELECT * FROM marginals").collectAsList());
        System.out.printf("Spark jobs: register %d (%d table files' schemas), SELECT 1 %d, runs %d, budget %d then %d, "
                + "marginals %d%n", register, tables, selectOne, runs, budget, budgetAgain, marginals);
        assertTrue(register <= tables, "at most one schema read per table, no ranking: " + register);
        assertTrue(selectOne <= 1, "a query that reads no view: " + selectOne);
        assertTrue(budget <= 1 && budgetAgain <= 1,
                "the budget's ranking reads its rows on the driver: no Spark job but the view's own scan");
        assertTrue(marginals >= 1);
    }

    @Test
    void aLazyViewComputesItsRowsAtTheFirstQueryThatReadsItAndThenOnce() {
        AtomicInteger computed = new AtomicInteger();
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("n", org.apache.spark.sql.types.DataTypes.IntegerType);
        String view = "lazy_" + java.util.UUID.randomUUID().toString().replace("-", "");
        LazyView.of(SPARK, schema, () -> {
            computed.incrementAndGet();
            return java.util.List.of(org.apache.spark.sql.RowFactory.create(7));
        }).createOrReplaceTempView(view);

        SPARK.sql("SELECT 1").collectAsList();
        assertEquals(0, computed.get(), "registering it and a query over nothing else compute nothing");
        assertEquals(7, SPARK.sql("SELECT n FROM " + view).first().getInt(0));
        assertEquals(7, SPARK.sql("SELECT max(n) FROM " + view).first().getInt(0));
        assertEquals(1, computed.get(), "computed at the first query that reads it, then reused");
    }
}
