package io.sparksweep.engine;

import io.sparksweep.store.ResultsRoot;
import io.sparksweep.run.RunStatus;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.Specs;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real sweep on local[2]: every run a Spark task, real DL4J training, real Parquet out. */
class SweepEngineTest {

    private final SparkSession spark = LocalSpark.session();
    private final StringWriter console = new StringWriter();

    @TempDir
    Path results;

    private SweepOutcome run(int repeats) {
        // learningRate 1e9 with plain SGD is a forced divergence: the sweep must record it and go on.
        SweepRequest request = SpecSweeps.request(Specs.tiny("engine", """
                training: {maxEpochs: 2, optimizer: sgd}
                space:
                  learningRate: [0.05, 1.0e9]
                  batchSize: 32
                  patience: 1
                repeats: %d
                seed: 3
                """.formatted(repeats)));
        return new SweepEngine(spark, new PrintWriter(console, true)).run(request, ResultsRoot.of(results));
    }

    @Test
    void tinySweepWritesRunsEpochsAndAnExactSummaryThenResumes() throws java.io.IOException {
        SweepOutcome first = run(3);
        assertEquals(6, first.totalRuns());
        assertEquals(0, first.skipped());
        assertEquals(3, first.ok(), console.toString());
        assertEquals(3, first.diverged(), "the 1e9 learning rate diverges in every seed");

        Path dir = results.resolve("engine");
        List<Row> runs = spark.read().parquet(dir.resolve("runs").toString()).collectAsList();
        assertEquals(6, runs.size());
        List<Row> diverged = runs.stream().filter(r -> RunStatus.DIVERGED.label().equals(r.getAs("status"))).toList();
        assertEquals(3, diverged.size());
        assertTrue(diverged.stream().allMatch(r -> ((String) r.getAs("error")).contains("loss became")));
        assertTrue(runs.stream().allMatch(r -> ((String) r.getAs("provenance")).contains("data.sha256")));
        assertEquals(3, runs.stream().map(r -> (Long) r.getAs("seed")).distinct().count(), "3 seeds, shared by both trials");

        List<Row> okRuns = runs.stream().filter(r -> RunStatus.OK.label().equals(r.getAs("status"))).toList();
        SummaryStatistics expected = new SummaryStatistics();
        okRuns.forEach(r -> expected.addValue(r.getAs("test_accuracy")));
        Row summary = spark.read().parquet(dir.resolve("summary").toString())
                .where("runs_ok > 0").collectAsList().get(0);
        assertEquals(expected.getMean(), (Double) summary.getAs("accuracy_mean"), 1e-12, "mean over the ok runs exactly");
        assertEquals(expected.getStandardDeviation(), (Double) summary.getAs("accuracy_std"), 1e-12, "sample std");
        assertEquals(3, ((Number) summary.getAs("runs_ok")).intValue());

        long epochRows = spark.read().parquet(dir.resolve("epochs").toString()).count();
        long epochsTrained = runs.stream().mapToLong(r -> ((Number) r.getAs("epochs_trained")).longValue()).sum();
        assertEquals(epochsTrained, epochRows, "the learning curve of every run is kept");
        assertEquals(3 * 10, spark.read().parquet(dir.resolve("classes").toString()).count(), "per-class rows of ok runs");
        Row sweep = spark.read().parquet(dir.resolve("sweep").toString()).first();
        assertTrue(((String) sweep.getAs("spec_text")).contains("learningRate: [0.05, 1.0e9]"));

        List<Long> finishedAt = runs.stream().map(r -> r.<java.sql.Timestamp>getAs("finished_at").getTime()).sorted().toList();
        SweepOutcome again = run(3);
        assertEquals(6, again.skipped(), "a finished sweep trains nothing");
        assertEquals(0, again.ok() + again.failed() + again.diverged());
        List<Long> finishedAtAfter = spark.read().parquet(dir.resolve("runs").toString()).collectAsList().stream()
                .map(r -> r.<java.sql.Timestamp>getAs("finished_at").getTime()).sorted().toList();
        assertEquals(finishedAt, finishedAtAfter, "finished runs are left untouched");

        Row sweepAfterResume = spark.read().parquet(dir.resolve("sweep").toString()).first();
        assertEquals((Object) sweep.getAs("started"), sweepAfterResume.getAs("started"), "a resume keeps the sweep's start");
        assertTrue(sweepAfterResume.<java.sql.Timestamp>getAs("finished").after(sweep.getAs("finished")));

        SweepOutcome more = run(4);
        assertEquals(6, more.skipped());
        assertEquals(2, more.ok() + more.diverged(), "only the new seed's runs are trained");
        assertEquals(8, spark.read().parquet(dir.resolve("runs").toString()).count());
        try (var files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
            assertFalse(names.stream().anyMatch(n -> n.contains("tmp") || n.contains("old")), "no temp tables left: " + names);
        }
    }

    @Test
    void storedRunsOfTrialsThatNoLongerTrainAreCountedNotReused() {
        String spec = """
                training: {maxEpochs: 1}
                space: {learningRate: [0.01], patience: %d}
                repeats: 1
                """;
        SweepEngine engine = new SweepEngine(spark, new PrintWriter(console, true));
        engine.run(SpecSweeps.request(Specs.tiny("stale", spec.formatted(1))), ResultsRoot.of(results));
        assertFalse(console.toString().contains("match no trial"), console.toString());
        SweepOutcome changed = engine.run(SpecSweeps.request(Specs.tiny("stale", spec.formatted(2))), ResultsRoot.of(results));
        assertEquals(0, changed.skipped(), "another training plan is another trial: nothing is reused");
        assertTrue(console.toString().contains("stale: 1 stored run(s) match no trial of this spec"), console.toString());
    }
}
