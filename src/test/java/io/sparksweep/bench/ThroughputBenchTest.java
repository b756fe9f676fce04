package io.sparksweep.bench;

import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.train.NativeAcceleration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness's behaviour, not speed: what it runs and reports. Tiny windows on a slice of the data. */
class ThroughputBenchTest {

    private static LabelledImages slice;

    @BeforeAll
    static void loadSlice() throws IOException {
        Path dir = ProjectPaths.fashionMnist();
        LabelledImages all = LabelledImages.of(new io.sparksweep.data.IdxReader().read(
                dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz")));
        int n = 5 * 64 + 10; // 5 full batches and a remainder the feed must skip
        slice = new LabelledImages(Arrays.copyOf(all.pixels(), n * all.imageSize()),
                Arrays.copyOf(all.labels(), n), all.rows(), all.cols());
    }

    @Test
    void twoRunsSideBySideReportEveryWindowWithHelpersAndOneThreadEach() throws InterruptedException {
        String before = System.getProperty(NativeAcceleration.HELPERS_DISABLE_PROPERTY);
        BenchConfig config = BenchConfig.defaults("test").withParallelism(2, 1).withWindows(2, 4, 2);

        BenchResult result = ThroughputBench.run(config, "lenet5",
                run -> BenchModels.lenet5(ModelOptions.defaults().withSeed(run)), slice);

        assertEquals(2, result.runs().size());
        for (RunResult run : result.runs()) {
            assertEquals(2, run.windowImagesPerSec().size());
            assertTrue(run.windowImagesPerSec().stream().allMatch(r -> r > 0));
            assertEquals("onednn 6/6 layers", run.helpers());
            assertEquals("fused-adam", run.updater());
            assertEquals(61_794, run.parameters());
            assertEquals(1, run.threads().ompThreads());
        }
        assertTrue(result.aggregateImagesPerSec() > 0);
        // The runs' own threads did the training: their CPU time is measured, and no part is negative.
        assertTrue(result.cpu().training() > 0, result.cpu().toString());
        assertTrue(result.cpu().jit() >= 0 && result.cpu().gc() >= 0 && result.cpu().other() >= 0, result.cpu().toString());
        assertTrue(result.cpu().jitSecondsSoFar() > 0, "the JIT compiled something since JVM start: " + result.cpu());
        assertFalse(result.cpuModel().isBlank());
        assertEquals(before, System.getProperty(NativeAcceleration.HELPERS_DISABLE_PROPERTY),
                "the helper switch must be restored after the experiment");
    }

    @Test
    void iteratorModeAndPerBatchArraysRunWithoutHelpers() throws InterruptedException {
        BenchConfig config = BenchConfig.defaults("test").withLayerHelpers(false).withWindows(1, 7, 1)
                .withStepMode(StepMode.FIT_ITERATOR).withBatchSource(BatchSource.PER_BATCH);

        BenchResult result = ThroughputBench.run(config, "lenet5",
                run -> BenchModels.lenet5(ModelOptions.defaults()), slice);

        assertEquals("built-in", result.runs().get(0).helpers());
        assertEquals(1, result.runs().get(0).windowImagesPerSec().size());
    }
}
