package io.sparksweep.engine;

import io.sparksweep.testing.LocalSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's epochs reach the driver while it trains, through the executor's heartbeat, and the console shows them. */
class EpochProgressTest {

    /** The task (same JVM in local mode) waits here until the driver has seen its epochs: no fixed sleep. */
    private static final CountDownLatch SEEN = new CountDownLatch(1);

    @Test
    void aRunningTasksEpochCountReachesTheDriverBeforeTheTaskEndsAndIsDroppedAfter() {
        SparkSession spark = LocalSpark.session();
        List<List<Long>> reports = new CopyOnWriteArrayList<>();
        try (EpochProgress progress = new EpochProgress(spark.sparkContext(), inFlight -> {
            reports.add(inFlight);
            if (inFlight.equals(List.of(3L))) {
                SEEN.countDown();
            }
        })) {
            LongAccumulator counter = progress.counter();
            JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(1), 1).foreach(x -> {
                for (int epoch = 1; epoch <= 3; epoch++) {
                    counter.add(1);
                }
                if (!SEEN.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the driver never saw the epochs of the running task");
                }
            });
            assertTrue(reports.contains(List.of(3L)), reports.toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!progress.inFlight().isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(List.of(), progress.inFlight(), "an ended run is no longer in flight");
            assertEquals(3L, counter.value(), "the finished task's count merged on the driver");
        }
    }

    @Test
    void aLogGetsALineWhenMoreThanTheClockChanged() {
        StringWriter log = new StringWriter();
        ProgressReporter.ChangedLines lines = new ProgressReporter.ChangedLines(new PrintWriter(log, true));
        lines.accept("s  37% [==  ]  9/24 runs (0:00:15 / 0:00:25) ok 9 running 1 (epochs 2)");
        lines.accept("s  37% [==  ]  9/24 runs (0:00:30 / 0:00:40) ok 9 running 1 (epochs 2)");
        lines.accept("s  37% [==  ]  9/24 runs (0:00:45 / 0:00:55) ok 9 running 1 (epochs 3)");
        lines.accept("s  37% [==  ]  9/24 runs (0:01:00 / ?) ok 9 running 1 (epochs 3)");
        assertEquals(List.of("s  37% [==  ]  9/24 runs (0:00:15 / 0:00:25) ok 9 running 1 (epochs 2)",
                "s  37% [==  ]  9/24 runs (0:00:45 / 0:00:55) ok 9 running 1 (epochs 3)"), log.toString().lines().toList());
    }
}
