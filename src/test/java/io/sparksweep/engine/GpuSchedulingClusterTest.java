package io.sparksweep.engine;

import io.sparksweep.store.ResultsRoot;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.testing.Slow;
import io.sparksweep.testing.Specs;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GPU scheduling without a GPU: a local-cluster (a worker and an executor in their own JVMs) whose executor
 * "discovers" two GPUs with cluster/fake-gpu-discovery.sh. Spark must give each concurrent task its own
 * address, and every run must record the address it was bound to.
 */
@Slow
class GpuSchedulingClusterTest {

    private static SparkSession spark;

    @BeforeAll
    static void startCluster() throws java.io.IOException {
        java.nio.file.Files.createDirectories(Path.of(System.getProperty("spark.test.home", "target/spark-test-home")));
        String discovery = ProjectPaths.root().resolve("cluster/fake-gpu-discovery.sh").toString();
        // local-cluster's in-process worker reads its resources from system properties, like a real
        // worker started with -Dspark.worker.resource.gpu.* (this test class has a JVM of its own).
        System.setProperty("spark.worker.resource.gpu.amount", "2");
        System.setProperty("spark.worker.resource.gpu.discoveryScript", discovery);
        spark = SparkSession.builder()
                .master("local-cluster[1,2,3072]")
                .appName("gpu-scheduling-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.executor.resource.gpu.amount", "2")
                .config("spark.executor.resource.gpu.discoveryScript", discovery)
                .config("spark.task.resource.gpu.amount", "1")
                .getOrCreate();
    }

    @AfterAll
    static void stopCluster() {
        spark.stop();
    }

    @Test
    void eachConcurrentRunGetsItsOwnGpu(@TempDir Path results) {
        SweepRequest request = SpecSweeps.request(Specs.tiny("gpu", """
                space: {learningRate: [0.001, 0.002], batchSize: 50}
                repeats: 2
                """));
        SweepOutcome outcome = new SweepEngine(spark, new PrintWriter(new StringWriter())).run(request, ResultsRoot.of(results));
        assertEquals(4, outcome.ok());
        List<Row> runs = spark.read().parquet(results.resolve("gpu/runs").toString()).collectAsList();
        Set<String> gpus = runs.stream().map(r -> r.<String>getAs("gpu")).collect(Collectors.toSet());
        assertEquals(Set.of("0", "1"), gpus, "two task slots, two GPUs: both addresses are used");
        assertTrue(runs.stream().noneMatch(r -> r.<String>getAs("executor").startsWith("driver")),
                "runs trained in the executor JVM, not the driver");
        assertTrue(runs.stream().allMatch(r -> r.<String>getAs("provenance").contains("\"nd4j.device\"")));
    }
}
