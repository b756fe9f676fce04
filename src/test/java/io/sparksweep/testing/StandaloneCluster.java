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

    /** How often the master is started on fresh ports when another process took one of them first. */
    private static final int MASTER_ATTEMPTS = 5;

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
        try {
            RunningMaster master = startMaster(jvms);
            StandaloneCluster cluster = new StandaloneCluster(jvms, "spark://127.0.0.1:" + master.port());
            for (int i = 1; i <= workers; i++) {
                List<String> options = new ArrayList<>(List.of("-Xmx256m"));
                options.addAll(workerOptions);
                cluster.workers.add(jvms.start("worker-" + i, options, Map.of(), "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--cores", Integer.toString(cores), "--memory", "2g", "--work-dir",
                        Files.createDirectories(work.resolve("work-" + i)).toString(),
                        "--webui-port", Integer.toString(Jvms.freePort()), cluster.master));
            }
            if (!awaitStatus(master, "\"aliveworkers\":" + workers, Duration.ofSeconds(180))) {
                throw new AssertionError("workers did not register: " + jvms.tail("master") + "\n"
                        + jvms.tail("worker-1"));
            }
            return cluster;
        } catch (IOException e) {
            jvms.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            jvms.close();
            throw e;
        }
    }

    /**
     * Starts the master on two free ports and returns it once its UI answers as this master. A port
     * found free can be taken by another process (a Spark of a test class running alongside) before the master binds
     * it; Spark would then move to the next port silently, where the workers and the status poll would not find it,
     * or would find another cluster's master. So the master may not move ({@code spark.port.maxRetries=0}): it exits,
     * and starts again on new ports.
     */
    private static RunningMaster startMaster(Jvms jvms) {
        for (int attempt = 1; attempt <= MASTER_ATTEMPTS; attempt++) {
            int port = Jvms.freePort();
            int ui = Jvms.freePort();
            Process process = jvms.start("master", List.of("-Xmx256m", "-Dspark.port.maxRetries=0"), Map.of(),
                    "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(ui));
            RunningMaster running = new RunningMaster(process, port, ui);
            if (awaitStatus(running, "\"url\":\"spark://127.0.0.1:" + port + "\"", Duration.ofSeconds(120))) {
                return running;
            }
            if (process.isAlive()) {
                break;
            }
        }
        throw new AssertionError("the master did not start: " + jvms.tail("master"));
    }

    private record RunningMaster(Process process, int port, int uiPort) {
    }

    /** Polls the master's status page until it contains {@code expected} (true) or the master has exited (false). */
    private static boolean awaitStatus(RunningMaster master, String expected, Duration within) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (System.nanoTime() < deadline && master.process().isAlive()) {
                try {
                    URI page = URI.create("http://127.0.0.1:" + master.uiPort() + "/json/");
                    String status = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString())
                            .body();
                    if (status.replace(" ", "").contains(expected)) {
                        return true;
                    }
                } catch (IOException notYet) {
                    // the master is still starting
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the master", e);
        }
        return false;
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

    @Override
    public void close() {
        jvms.close();
    }
}
