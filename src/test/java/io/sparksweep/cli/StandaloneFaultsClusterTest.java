package io.sparksweep.cli;

import io.sparksweep.engine.PoisonSweepDriver;
import io.sparksweep.testing.Jvms;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.testing.Slow;
import io.sparksweep.testing.StandaloneCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Faults on a real Spark standalone cluster: a master and two one-core workers on loopback, each its own JVM,
 * sweeps submitted through Spark's real entry point ({@code SparkSubmit}, what spark-submit runs) with the
 * shipped cluster/spark-defaults.conf. Every process started here is killed when the class ends, pass or fail.
 *
 * <p>The class runs next to the other test classes (its work is in child JVMs, and it mostly waits for them); its
 * own tests run one after another, as they share the cluster. It reads the tables with the shared local session.
 */
@Slow
@Execution(ExecutionMode.CONCURRENT)
class StandaloneFaultsClusterTest {

    private static final String SPEC = """
            name: cluster
            data: {dataset: fashion-mnist, path: '%s', trainLimit: 300, testLimit: 100, validationFraction: 0.25}
            model: lenet5
            training: {maxEpochs: 1, optimizer: adam}
            space: {learningRate: [0.001, 0.003], batchSize: 50}
            repeats: 2
            seed: 5
            """;
    private static final int RUNS = 4;
    /** The run timeout of the poisoned sweep, in seconds: a healthy tiny run on a fresh executor ends well within it. */
    private static final String HANG_TIMEOUT = "60";

    @TempDir
    static Path work;
    private static StandaloneCluster cluster;
    private static Jvms jvms;
    private static Path spec;
    private static SparkSession reader;
    private static Map<String, String> reference;
    private static Process referenceRun;

    @BeforeAll
    static void startCluster() throws Exception {
        spec = Files.writeString(work.resolve("cluster.yaml"), SPEC.formatted(ProjectPaths.fashionMnist()));
        cluster = StandaloneCluster.start(work, 2, 1, List.of());
        jvms = cluster.jvms();
        reader = LocalSpark.session();
    }

    /** The same spec on embedded local Spark, run once through the CLI in its own JVM. */
    private static synchronized Map<String, String> reference() throws InterruptedException {
        if (reference == null) {
            assertEquals(0, Jvms.await(startReference(), 600, "the local reference sweep"), jvms.tail("local-reference"));
            reference = runs(work.resolve("local"));
            assertEquals(RUNS, reference.size());
        }
        return reference;
    }

    /** Starts the reference sweep once; a test that mostly waits starts it early so it trains meanwhile. */
    private static synchronized Process startReference() {
        if (referenceRun == null) {
            referenceRun = jvms.start("local-reference", List.of(), Map.of("OMP_NUM_THREADS", "1"),
                    "io.sparksweep.cli.Main", "run", spec.toString(), "--results", work.resolve("local").toString(),
                    "--master", "local[2]");
        }
        return referenceRun;
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void aSweepOnTheClusterMatchesLocalSparkAndSurvivesAnExecutorKilledMidSweep() throws Exception {
        Path results = work.resolve("standalone");
        Process driver = submit("standalone", Map.of(), "io.sparksweep.cli.Main",
                "run", spec.toString(), "--results", results.toString());
        awaitJournal(results, driver, "standalone");
        List<ProcessHandle> executors = cluster.executors();
        assertTrue(!executors.isEmpty(), "executors run in their own JVMs under the workers");
        executors.get(0).destroyForcibly(); // kill -9 while the next runs train
        assertEquals(0, Jvms.await(driver, 400, "the standalone sweep"), jvms.tail("standalone"));

        Map<String, String> runs = runs(results);
        assertEquals(reference(), runs, "every (trial, seed) exactly once, all ok, with the metrics of local Spark");
        assertEquals(RUNS, reader.read().parquet(results.resolve("cluster/runs").toString())
                .select("trial_id", "seed").distinct().count());
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void aDriverKilledMidSweepResumesWithOnlyTheMissingRuns() throws Exception {
        Path results = work.resolve("killed");
        String[] command = {"run", spec.toString(), "--results", results.toString(), "--master", "local[2]"};
        Process first = jvms.start("killed-driver", List.of(), Map.of("OMP_NUM_THREADS", "1"), "io.sparksweep.cli.Main", command);
        awaitJournal(results, first, "killed-driver");
        Jvms.killTree(first.toHandle());
        first.waitFor();

        Process again = jvms.start("resumed-driver", List.of(), Map.of("OMP_NUM_THREADS", "1"), "io.sparksweep.cli.Main", command);
        assertEquals(0, Jvms.await(again, 300, "the resumed sweep"), jvms.tail("resumed-driver"));
        Matcher done = Pattern.compile("\\((\\d+) already done, (\\d+) to train").matcher(jvms.log("resumed-driver"));
        assertTrue(done.find(), jvms.tail("resumed-driver"));
        int alreadyDone = Integer.parseInt(done.group(1));
        assertTrue(alreadyDone >= 1 && alreadyDone < RUNS, "the killed driver had journaled " + alreadyDone + " runs");
        assertTrue(jvms.log("resumed-driver").contains((RUNS - alreadyDone) + " runs trained"), jvms.tail("resumed-driver"));
        assertEquals(reference(), runs(results), "the same runs table as an uninterrupted sweep");
        assertEquals(summary(work.resolve("local")), summary(results), "and the same summary");
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void aPoisonRunAndAHungRunFailWithTheirReasonsAndTheSweepGoesOn() throws Exception {
        Path results = work.resolve("poison");
        Map<String, String> conf = Map.of("spark.task.maxFailures", "2", "spark.task.reaper.killTimeout", "5s");
        Process driver = submit("poison", conf, PoisonSweepDriver.class.getName(), results.toString(), HANG_TIMEOUT);
        startReference(); // the cluster's cores mostly wait for the hung run's timeout
        assertEquals(0, Jvms.await(driver, 400, "the poisoned sweep"), jvms.tail("poison"));
        assertTrue(jvms.log("poison").contains("outcome: ok 1 failed 2 diverged 0"), jvms.tail("poison"));

        Map<String, Row> runs = reader.read().parquet(results.resolve("poison/runs").toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<String>getAs("trial_id"), r -> r));
        assertEquals("ok", runs.get(PoisonSweepDriver.HEALTHY).getAs("status"));
        Row halts = runs.get(PoisonSweepDriver.HALTS);
        assertEquals("failed", halts.getAs("status"));
        assertTrue(halts.<String>getAs("error").contains("failed 2 times"), "retried maxFailures times: " + halts.getAs("error"));
        assertTrue(halts.<String>getAs("error").contains("exited"), "the reason names the lost executor: " + halts.getAs("error"));
        Row hangs = runs.get(PoisonSweepDriver.HANGS);
        assertEquals("failed", hangs.getAs("status"));
        assertTrue(hangs.<String>getAs("error").contains("timed out"), hangs.<String>getAs("error"));

        Process again = submit("poison-again", conf, PoisonSweepDriver.class.getName(), results.toString(), HANG_TIMEOUT);
        assertEquals(0, Jvms.await(again, 300, "the poisoned sweep run again"), jvms.tail("poison-again"));
        assertTrue(jvms.log("poison-again").contains("outcome: ok 0 failed 0 diverged 0 skipped 3"),
                "failed runs are not retried unless asked: " + jvms.tail("poison-again"));
    }

    private Process submit(String name, Map<String, String> conf, String mainClass, String... args) {
        return cluster.submit(name, conf, mainClass, args);
    }

    /** Waits until at least one run is journaled: training is under way and more runs remain. */
    private static void awaitJournal(Path results, Process driver, String log) throws Exception {
        Path journal = results.resolve("cluster/_journal");
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (System.nanoTime() < deadline) {
            if (!driver.isAlive()) {
                fail(log + " ended before any run finished: " + jvms.tail(log));
            }
            if (Files.isDirectory(journal)) {
                try (Stream<Path> files = Files.list(journal)) {
                    if (files.anyMatch(f -> f.getFileName().toString().endsWith(".json"))) {
                        return;
                    }
                }
            }
            Thread.sleep(200);
        }
        fail("no run finished within 300 s: " + jvms.tail(log));
    }

    /** (trial, seed) to status and metrics: what must match between two sweeps of the same spec. */
    private static Map<String, String> runs(Path results) {
        Map<String, String> runs = new TreeMap<>();
        for (Row r : reader.read().parquet(results.resolve("cluster/runs").toString()).collectAsList()) {
            String previous = runs.put(r.getAs("trial_id") + "/" + r.getAs("seed"), r.getAs("status") + " acc="
                    + r.getAs("test_accuracy") + " loss=" + r.getAs("test_loss") + " epochs=" + r.getAs("epochs_trained")
                    + nativeSettings(r.getAs("provenance")));
            assertEquals(null, previous, "a run recorded twice");
        }
        return runs;
    }

    /** The settings that decide training speed and rounding: executors must train like the local driver does. */
    private static String nativeSettings(String provenance) {
        StringBuilder settings = new StringBuilder();
        for (String key : List.of("threads", "javacpp.maxPhysicalBytes", "onednn.helpers", "updater", "nd4j.backend",
                "jdk.vectorModule")) {
            Matcher value = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(provenance);
            settings.append(' ').append(key).append('=').append(value.find() ? value.group(1) : "missing");
        }
        return settings.toString();
    }

    private static List<String> summary(Path results) {
        return reader.read().parquet(results.resolve("cluster/summary").toString())
                .select("trial_id", "runs_ok", "accuracy_mean", "accuracy_std").collectAsList().stream()
                .map(Row::toString).sorted().toList();
    }
}
