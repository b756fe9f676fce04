package io.sparksweep.cli;

import io.sparksweep.testing.Jvms;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.testing.Slow;
import io.sparksweep.testing.StandaloneCluster;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GPU scheduling without a GPU, set up as {@code cluster/standalone.sh start 1 2 3g --fake-gpus} and
 * {@code cluster/spark-gpu.conf} do: a standalone master and one two-core worker, each a JVM of its own, the worker
 * "discovering" two GPUs with cluster/fake-gpu-discovery.sh, and the sweep submitted through {@code SparkSubmit} with
 * the shipped GPU settings. Spark must give each of the executor's two concurrent tasks its own address, and every run
 * must record the address it was bound to.
 *
 * <p>The class runs next to the other test classes: its work is in child JVMs.
 */
@Slow
@Execution(ExecutionMode.CONCURRENT)
class GpuSchedulingClusterTest {

    private static final String SPEC = """
            name: gpu
            data: {dataset: fashion-mnist, path: '%s', trainLimit: 400, testLimit: 200, validationFraction: 0.25}
            model: lenet5
            training: {maxEpochs: 1, optimizer: adam}
            space: {learningRate: [0.001, 0.002], batchSize: 50}
            repeats: 2
            """;

    @TempDir
    Path work;

    @Test
    void eachConcurrentRunGetsItsOwnGpu() throws Exception {
        String discovery = ProjectPaths.root().resolve("cluster/fake-gpu-discovery.sh").toString();
        Path spec = Files.writeString(work.resolve("gpu.yaml"), SPEC.formatted(ProjectPaths.fashionMnist()));
        Path results = work.resolve("results");
        try (StandaloneCluster cluster = StandaloneCluster.start(work, 1, 2, List.of(
                "-Dspark.worker.resource.gpu.amount=2", "-Dspark.worker.resource.gpu.discoveryScript=" + discovery))) {
            Map<String, String> conf = new LinkedHashMap<>(shippedGpuSettings());
            conf.put("spark.executor.resource.gpu.discoveryScript", discovery);
            Process driver = cluster.submit("gpu", conf, Main.class.getName(), "run", spec.toString(),
                    "--results", results.toString());
            assertEquals(0, Jvms.await(driver, 300, "the GPU sweep"), cluster.jvms().tail("gpu"));
        }
        List<Row> runs = LocalSpark.session().read().parquet(results.resolve("gpu/runs").toString()).collectAsList();
        assertEquals(4, runs.size());
        assertTrue(runs.stream().allMatch(r -> "ok".equals(r.getAs("status"))), runs.toString());
        Set<String> gpus = runs.stream().map(r -> r.<String>getAs("gpu")).collect(Collectors.toSet());
        assertEquals(Set.of("0", "1"), gpus, "two task slots, two GPUs: both addresses are used");
        assertTrue(runs.stream().noneMatch(r -> r.<String>getAs("executor").startsWith("driver")),
                "runs trained in the executor JVM, not the driver");
        assertTrue(runs.stream().allMatch(r -> r.<String>getAs("provenance").contains("\"nd4j.device\"")));
    }

    /** The executor and task settings of cluster/spark-gpu.conf, as its users add them to spark-defaults.conf. */
    private static Map<String, String> shippedGpuSettings() {
        Map<String, String> settings = StandaloneCluster.shippedSettings("spark-gpu.conf");
        assertEquals(Set.of("spark.executor.resource.gpu.amount", "spark.executor.resource.gpu.discoveryScript",
                "spark.task.resource.gpu.amount"), settings.keySet());
        return settings;
    }
}
