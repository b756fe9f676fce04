package io.sparksweep.engine;

import io.sparksweep.store.ResultsRoot;
import io.sparksweep.run.RunKey;
import io.sparksweep.run.RunRecord;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.Specs;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine pulls runs from a RunSource on local[2]: two slots, one Spark job per run, real training. */
class RunSourceSchedulingTest {

    private final SparkSession spark = LocalSpark.session();

    private static SweepRequest request(String name) {
        return SpecSweeps.request(Specs.tiny(name, """
                space: {learningRate: [0.001, 0.002, 0.003], batchSize: 50}
                repeats: 2
                """));
    }

    @Test
    void runsArePulledAsSlotsFreeAndEveryFinishedRunIsReported(@TempDir Path results) {
        SweepRequest request = request("pull");
        SeedWaves source = new SeedWaves(FixedRuns.pending(request, Set.of()));
        SweepOutcome outcome = new SweepEngine(spark, new PrintWriter(new StringWriter())).run(request.withSources((r, finished, store) -> {
            assertTrue(finished.isEmpty(), "a new sweep has no finished runs");
            return source;
        }), ResultsRoot.of(results));

        assertEquals(6, outcome.ok());
        assertEquals(2, source.maxOutstanding, "local[2] has two task slots and the engine keeps both busy");
        assertEquals(6, source.reported.size(), "the source hears of every run");
        assertTrue(source.secondWaveWaited, "the second seed was offered only after the first wave finished");
        List<Row> runs = spark.read().parquet(results.resolve("pull/runs").toString()).collectAsList();
        Set<RunKey> keys = runs.stream().map(r -> new RunKey(r.getAs("trial_id"), r.<Long>getAs("seed")))
                .collect(Collectors.toSet());
        assertEquals(6, runs.size());
        assertEquals(Set.copyOf(source.reported), keys, "each run once, as reported");
        assertEquals(6, runs.stream().map(r -> r.<String>getAs("provenance")).filter(p -> p.contains("spark.taskAttempt"))
                .distinct().count(), "one task per run");
    }

    @Test
    void aSourceOfferingARunTwiceStopsTheSweep(@TempDir Path results) {
        SweepRequest request = request("twice");
        RunAssignment first = FixedRuns.pending(request, Set.of()).get(0);
        RunSource repeating = new FixedRuns(List.of(first, first));
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new SweepEngine(spark, new PrintWriter(new StringWriter())).run(request.withSources((r, f, store) -> repeating),
                        ResultsRoot.of(results)));
        assertTrue(error.getMessage().contains("again"), error.getMessage());
    }

    /** A search-like source: the second seed of any trial only once every first seed has finished. */
    private static final class SeedWaves implements RunSource {
        private final Deque<RunAssignment> firstWave = new ArrayDeque<>();
        private final Deque<RunAssignment> secondWave = new ArrayDeque<>();
        private final List<RunKey> reported = new ArrayList<>();
        private int offered;
        private int maxOutstanding;
        private boolean secondWaveWaited;

        SeedWaves(List<RunAssignment> runs) {
            runs.forEach(r -> (r.repeat() == 0 ? firstWave : secondWave).add(r));
        }

        @Override
        public Optional<RunAssignment> next() {
            RunAssignment run = firstWave.poll();
            if (run == null) {
                if (reported.size() < offered) {
                    secondWaveWaited = true;
                    return Optional.empty();
                }
                run = secondWave.poll();
            }
            if (run != null) {
                offered++;
                maxOutstanding = Math.max(maxOutstanding, offered - reported.size());
            }
            return Optional.ofNullable(run);
        }

        @Override
        public void finished(RunRecord run) {
            assertTrue(run.ok(), run.error());
            reported.add(run.key());
        }

        @Override
        public boolean exhausted() {
            return firstWave.isEmpty() && secondWave.isEmpty();
        }
    }
}
