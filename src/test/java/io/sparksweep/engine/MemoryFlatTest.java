package io.sparksweep.engine;

import io.sparksweep.store.ResultsRoot;
import io.sparksweep.model.ModelFamilies;
import io.sparksweep.run.RunRecord;
import io.sparksweep.spec.SpecLoader;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.testing.Slow;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long sweeps must not creep towards an OOM: one executor (local mode, so this JVM) trains 100 small runs in a
 * row, and every 10 runs the heap after a full GC and the resident set are read. Growth between run 20 (warm:
 * natives loaded, workspaces sized) and run 100 must stay small. The figures go to target/memory-flat.txt; the
 * performance chapter (docs/performance.md) quotes a run of it.
 */
@Slow
class MemoryFlatTest {

    private static final int RUNS = 100;
    private static final long HEAP_GROWTH_LIMIT_MB = 48;
    private static final long RSS_GROWTH_LIMIT_MB = 256;

    private final SparkSession spark = LocalSpark.session();

    @TempDir
    Path results;

    @Test
    void heapAfterGcAndResidentMemoryStayFlatOver100Runs() throws IOException {
        String yaml = """
                name: memory
                data: {dataset: fashion-mnist, path: '%s', trainLimit: 100, testLimit: 50, validationFraction: 0.25}
                model: lenet5
                training: {maxEpochs: 1, optimizer: adam}
                space: {learningRate: [0.001, 0.002], batchSize: 25}
                repeats: 50
                seed: 11
                """.formatted(ProjectPaths.fashionMnist());
        SweepRequest request = SpecSweeps.request(new SpecLoader(ModelFamilies.names(), ModelFamilies.optimizers())
                .loadText(yaml, "memory.yaml"));
        Sampling source = new Sampling(FixedRuns.of(request, java.util.Set.of()));
        SweepOutcome outcome = new SweepEngine(spark, new PrintWriter(new StringWriter())).run(request.withSources((r, f, store) -> source), ResultsRoot.of(results));
        assertEquals(RUNS, outcome.ok());

        StringBuilder report = new StringBuilder("runs heap_after_gc_mb rss_mb\n");
        source.samples.forEach(s -> report.append(String.format("%d %.1f %.1f%n", s[0], s[1] / 1e6, s[2] / 1e6)));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "memory-flat.txt"), report);
        System.out.print(report);
        long[] at20 = source.samples.get(1);
        long[] at100 = source.samples.get(source.samples.size() - 1);
        assertEquals(20, at20[0]);
        assertEquals(RUNS, at100[0]);
        assertTrue(at100[1] - at20[1] < HEAP_GROWTH_LIMIT_MB * 1_000_000, "heap after GC grew: " + report);
        assertTrue(at100[2] - at20[2] < RSS_GROWTH_LIMIT_MB * 1_000_000, "resident memory grew: " + report);
    }

    /** Wraps the fixed list and samples memory after every 10th finished run (the driver is the executor here). */
    private static final class Sampling implements RunSource {
        private final RunSource runs;
        private final List<long[]> samples = new ArrayList<>();
        private int finished;

        Sampling(RunSource runs) {
            this.runs = runs;
        }

        @Override
        public Optional<RunAssignment> next() {
            return runs.next();
        }

        @Override
        public void finished(RunRecord run) {
            runs.finished(run);
            if (++finished % 10 == 0) {
                System.gc();
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                samples.add(new long[]{finished, heap, residentBytes()});
            }
        }

        @Override
        public boolean exhausted() {
            return runs.exhausted();
        }

        private static long residentBytes() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new IllegalStateException("no VmRSS in /proc/self/status");
        }
    }
}
