package io.sparksweep.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on loopback, as {@code cluster/standalone.sh} starts one: a master and workers, each
 * a JVM of its own ({@link Jvms}), and drivers submitted through Spark's real entry point ({@code SparkSubmit}, what
 * spark-submit runs) with the shipped {@code cluster/spark-defaults.conf}. {@link #close()} kills every process it
 * started, executors included. Two clusters may run at once: each has its own ports and knows its own executors.
 */
public final class StandaloneCluster implements AutoCloseable {

    private final Jvms jvms;
    private final String master;
    private final List<Process> workers = new ArrayList<>();

    private StandaloneCluster(Jvms jvms, String master) {
        this.jvms = jvms;
        this.master = master;
    }

    /**
     * Starts a master and {@code workers} workers of {@code cores} cores and 2 GB each, with {@code workerOptions}
     * as their JVM options, and waits until all are registered.
     */
    public static StandaloneCluster start(Path work, int workers, int cores, List<String> workerOptions) {
        Jvms jvms = new Jvms(work);
        int port = Jvms.freePort();
        int ui = Jvms.freePort();
        StandaloneCluster cluster = new StandaloneCluster(jvms, "spark://127.0.0.1:" + port);
        try {
            jvms.start("master", List.of("-Xmx256m"), Map.of(), "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(ui));
            for (int i = 1; i <= workers; i++) {
                List<String> options = new ArrayList<>(List.of("-Xmx256m"));
                options.addAll(workerOptions);
                cluster.workers.add(jvms.start("worker-" + i, options, Map.of(), "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--cores", Integer.toString(cores), "--memory", "2g", "--work-dir",
                        Files.createDirectories(work.resolve("work-" + i)).toString(),
                        "--webui-port", Integer.toString(Jvms.freePort()), cluster.master));
            }
            cluster.awaitWorkers(ui, workers, Duration.ofSeconds(180));
            return cluster;
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The processes started here and their logs. */
    public Jvms jvms() {
        return jvms;
    }

    /**
     * Submits {@code mainClass args} as a driver in client mode, as {@code cluster/submit.sh} does, with the shipped
     * defaults and {@code conf} on top; the executors keep the shipped JVM options and add the children's start-up
     * settings. Output goes to the log {@code name}.
     */
    public Process submit(String name, Map<String, String> conf, String mainClass, String... args) {
        List<String> arguments = new ArrayList<>(List.of("--master", master,
                "--properties-file", ProjectPaths.root().resolve("cluster/spark-defaults.conf").toString(),
                "--conf", "spark.executor.extraClassPath=" + jvms.classpathJar(),
                "--conf", "spark.executor.memory=1g",
                "--conf", "spark.executor.extraJavaOptions=" + shippedExecutorOptions() + " " + jvms.childOptions(),
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.ui.enabled=false"));
        conf.forEach((k, v) -> arguments.addAll(List.of("--conf", k + "=" + v)));
        arguments.addAll(List.of("--class", mainClass, jvms.classpathJar().toString()));
        arguments.addAll(List.of(args));
        return jvms.start(name, List.of("-Xmx1g", "-Dsparksweep.project.dir=" + ProjectPaths.root()),
                Map.of("OMP_NUM_THREADS", "1"), "org.apache.spark.deploy.SparkSubmit", arguments.toArray(String[]::new));
    }

    /** The executor JVMs this cluster's workers started. */
    public List<ProcessHandle> executors() {
        return workers.stream().flatMap(Process::descendants)
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .toList();
    }

    /** The shipped executor options, which the test's executors keep; it only adds the start-up settings of its children. */
    private static String shippedExecutorOptions() {
        String options = shippedSettings("spark-defaults.conf").get("spark.executor.extraJavaOptions");
        if (options == null) {
            throw new IllegalStateException("cluster/spark-defaults.conf sets no spark.executor.extraJavaOptions");
        }
        return options;
    }

    /** The settings of a shipped properties file under cluster/ ("key value" lines; comments left out), in file order. */
    public static Map<String, String> shippedSettings(String file) {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(ProjectPaths.root().resolve("cluster").resolve(file))) {
            lines.filter(line -> !line.startsWith("#"))
                    .map(line -> line.trim().split("\\s+", 2))
                    .filter(keyValue -> keyValue.length == 2)
                    .forEach(keyValue -> settings.putIfAbsent(keyValue[0], keyValue[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return settings;
    }

    private void awaitWorkers(int uiPort, int count, Duration within) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                try {
                    String status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/"))
                            .build(), HttpResponse.BodyHandlers.ofString()).body();
                    if (status.replace(" ", "").contains("\"aliveworkers\":" + count)) {
                        return;
                    }
                } catch (IOException notYet) {
                    // the master is still starting
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the workers", e);
        }
        throw new AssertionError("workers did not register: " + jvms.tail("master") + "\n" + jvms.tail("worker-1"));
    }

    @Override
    public void close() {
        jvms.close();
    }
}
