package io.sparksweep.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CollectorThreadsTest {

    private static Optional<String> on(int cores, String... args) {
        return CollectorThreads.option(args, cores, false);
    }

    @Test
    void aJvmTrainingFewerRunsThanCoresGetsOneCollectorThreadPerRunningThread() {
        assertEquals(Optional.of("-XX:ParallelGCThreads=1"), on(8, "run", "sweeps/q.yaml", "--master", "local[1]"));
        assertEquals(Optional.of("-XX:ParallelGCThreads=3"), on(8, "rerun", "q", "--master=local[3]", "--best"));
        assertEquals(Optional.of("-XX:ParallelGCThreads=1"), on(8, "run", "q.yaml", "--master", "local"));
        assertEquals(Optional.of("-XX:ParallelGCThreads=2"), on(8, "run", "q.yaml", "--master", "local[2,4]"));
        assertEquals(Optional.of("-XX:ParallelGCThreads=1"), on(2, "bench", "throughput", "--model", "lenet5"));
        assertEquals(Optional.of("-XX:ParallelGCThreads=4"),
                on(8, "bench", "throughput", "--runs", "2", "--threads=2"));
    }

    @Test
    void theDefaultStaysWhenTheRunsUseEveryCoreOrTheCountIsUnknown() {
        assertTrue(on(2, "run", "q.yaml").isEmpty(), "local[*]: one run per core already");
        assertTrue(on(2, "run", "q.yaml", "--master", "local[*]").isEmpty());
        assertTrue(on(2, "run", "q.yaml", "--master", "local[2]").isEmpty());
        assertTrue(on(2, "run", "q.yaml", "--master", "local[4]").isEmpty(), "more task threads than cores");
        assertTrue(on(2, "bench", "throughput", "--runs", "2").isEmpty());
        assertTrue(on(8, "run", "q.yaml", "--master", "spark://host:7077").isEmpty(), "the driver trains nothing");
        assertTrue(on(8, "bench", "overhead").isEmpty());
        assertTrue(on(8, "evaluate", "model.zip").isEmpty());
        assertTrue(on(8).isEmpty());
    }

    @Test
    void theUsersOwnChoiceWins() {
        assertTrue(CollectorThreads.option(new String[]{"run", "q", "--master", "local[1]"}, 8, true).isEmpty());
        assertTrue(CollectorThreads.named(List.of("-XX:ParallelGCThreads=3", "-jar", "x.jar")));
        assertTrue(CollectorThreads.named(List.of("-jar", "x.jar"), null, "-Xmx2g -XX:ParallelGCThreads=1"));
        assertFalse(CollectorThreads.named(List.of("-jar", "x.jar"), null, "-Xmx2g"));
    }
}
