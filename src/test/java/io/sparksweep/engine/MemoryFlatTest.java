package io.sparksweep.engine;

import io.sparksweep.testing.Jvms;
import io.sparksweep.testing.Slow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long sweeps must not creep towards an OOM: one executor (local mode in a JVM of its own,
 * {@link MemorySamplingSweep}) trains 100 small runs in a row, and every 10 runs the heap after a full GC and the
 * resident set are read. Growth between run 20 (warm: natives loaded, workspaces sized) and run 100 must stay small.
 * The figures go to target/memory-flat.txt; the performance chapter (docs/performance.md) quotes a run of it.
 *
 * <p>The class runs next to the others: its work is in the child JVM, whose memory no neighbour shares.
 */
@Slow
@Execution(ExecutionMode.CONCURRENT)
class MemoryFlatTest {

    private static final long HEAP_GROWTH_LIMIT_MB = 48;
    private static final long RSS_GROWTH_LIMIT_MB = 256;

    @TempDir
    Path work;

    @Test
    void heapAfterGcAndResidentMemoryStayFlatOver100Runs() throws IOException, InterruptedException {
        List<long[]> samples;
        try (Jvms jvms = new Jvms(work)) {
            // An executor's heap, collector, JavaCPP memory check and native threads (cluster/spark-defaults.conf).
            Process sweep = jvms.start("memory",
                    List.of("-Xmx3g", "-XX:+UseParallelGC", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0"),
                    Map.of("OMP_NUM_THREADS", "1"),
                    MemorySamplingSweep.class.getName(), work.resolve("results").toString());
            assertEquals(0, Jvms.await(sweep, 600, "the 100-run sweep"), jvms.tail("memory"));
            assertTrue(jvms.log("memory").contains("outcome: ok " + MemorySamplingSweep.RUNS), jvms.tail("memory"));
            samples = jvms.log("memory").lines()
                    .filter(line -> line.startsWith(MemorySamplingSweep.SAMPLE + " "))
                    .map(line -> java.util.Arrays.stream(line.split(" ")).skip(1).mapToLong(Long::parseLong).toArray())
                    .toList();
        }

        StringBuilder report = new StringBuilder("runs heap_after_gc_mb rss_mb\n");
        samples.forEach(s -> report.append(String.format("%d %.1f %.1f%n", s[0], s[1] / 1e6, s[2] / 1e6)));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "memory-flat.txt"), report);
        System.out.print(report);
        assertEquals(MemorySamplingSweep.RUNS / 10, samples.size(), report.toString());
        long[] at20 = samples.get(1);
        long[] at100 = samples.get(samples.size() - 1);
        assertEquals(20, at20[0]);
        assertEquals(MemorySamplingSweep.RUNS, at100[0]);
        assertTrue(at100[1] - at20[1] < HEAP_GROWTH_LIMIT_MB * 1_000_000, "heap after GC grew: " + report);
        assertTrue(at100[2] - at20[2] < RSS_GROWTH_LIMIT_MB * 1_000_000, "resident memory grew: " + report);
    }
}
