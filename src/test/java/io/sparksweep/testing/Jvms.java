package io.sparksweep.testing;

import io.sparksweep.model.layers.VectorModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Real JVM subprocesses (Spark master, workers, drivers) on this test JVM's classes: a small jar whose manifest
 * names every class path entry stands in for the shaded jar, which does not exist during {@code mvn test}, and each
 * child maps the class-data archive recorded on it ({@link ChildJvmClasses}).
 * Every process started here is killed with its descendants by {@link #close()}.
 */
public final class Jvms implements AutoCloseable {

    /** Spark's own Java 17 flags (cluster/java17-opens.sh). */
    public static final List<String> OPENS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true");

    /**
     * A test's child JVM lives seconds on tiny data, so the optimising compiler's work never pays back; it would only
     * take CPU from the other processes and the suite on two cores.
     */
    public static final String SHORT_LIVED_JIT = "-XX:TieredStopAtLevel=1";
    private static final List<String> SHORT_LIVED = List.of(SHORT_LIVED_JIT);

    private final Path dir;
    private final ChildJvmClasses classes;
    private final Path sparkHome;
    private final List<Process> started = new ArrayList<>();

    public Jvms(Path dir) {
        this.dir = dir;
        this.classes = ChildJvmClasses.shared();
        try {
            // Workers build executor commands from SPARK_HOME: an empty jars folder is enough, the classes come
            // from spark.executor.extraClassPath.
            this.sparkHome = Files.createDirectories(dir.resolve("spark-home"));
            Files.createDirectories(sparkHome.resolve("jars"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar to name as the application jar and as {@code spark.executor.extraClassPath}. */
    public Path classpathJar() {
        return classes.classpathJar();
    }

    /** The options every child started here gets for a fast start: to give executors the same, as one string. */
    public String childOptions() {
        List<String> options = new ArrayList<>(SHORT_LIVED);
        options.addAll(classes.sharingOptions());
        return String.join(" ", options);
    }

    /** Starts {@code java <opens> <jvmOptions> -cp <classes> mainClass args}, output to {@code log}. */
    public Process start(String name, List<String> jvmOptions, Map<String, String> env, String mainClass, String... args) {
        List<String> options = new ArrayList<>(OPENS);
        // As every training JVM sparksweep starts: a child computes what they compute.
        options.add(VectorModule.JVM_OPTION);
        options.addAll(SHORT_LIVED);
        options.addAll(jvmOptions);
        ProcessBuilder builder = new ProcessBuilder(classes.command(options, mainClass, args)).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("SPARK_HOME", sparkHome.toString());
        environment.put("SPARK_SCALA_VERSION", "2.12");
        environment.put("SPARK_LOCAL_IP", "127.0.0.1");
        environment.put("SPARK_LOCAL_HOSTNAME", "localhost");
        environment.putAll(env);
        try {
            Process process = builder.start();
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log " + name + ": " + e.getMessage() + ")";
        }
    }

    /** The last lines of a process's log, for assertion messages. */
    public String tail(String name) {
        List<String> lines = log(name).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for exit; kills the process (and its children) and fails when it takes longer. */
    public static int await(Process process, long seconds, String what) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            killTree(process.toHandle());
            throw new AssertionError(what + " did not finish within " + seconds + " s");
        }
        return process.exitValue();
    }

    /**
     * Polls every 2 ms until {@code instant} holds, waits {@code delayMillis} more, then sends kill -9 to the process
     * {@link #start started} as {@code name} and everything it started. Fails when the process ends first or the
     * instant does not come within 240 s, with the end of its log.
     */
    public void killAt(String name, Process process, BooleanSupplier instant, long delayMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!instant.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before the instant to kill"
                        + " it:\n" + tail(name));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": the instant to kill never came:\n" + tail(name));
            }
            Thread.sleep(2);
        }
        if (delayMillis > 0) {
            Thread.sleep(delayMillis);
        }
        killTree(process.toHandle());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not die");
        }
    }

    /** kill -9 of a process and everything it started. */
    public static void killTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() {
        for (Process process : started) {
            killTree(process.toHandle());
        }
        for (Process process : started) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
