package io.sparksweep.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * libnd4j sizes part of its thread pool from OMP_NUM_THREADS once, when the native library loads; nothing
 * in-process can lower it later. Runs train fastest one thread each, side by side (README, Performance), so
 * a plain {@code java -jar ... run} restarts itself once with OMP_NUM_THREADS=1 before anything native loads.
 * Under spark-submit nothing is relaunched: executors get the variable from spark.executorEnv.
 */
final class OmpRelaunch {

    static final String VARIABLE = "OMP_NUM_THREADS";
    private static final List<String> TRAINING_COMMANDS = List.of("run", "bench");

    private OmpRelaunch() {
    }

    /** @return the child's exit code when this JVM relaunched itself, empty when it should go on itself */
    static Optional<Integer> ifNeeded(String[] args) {
        boolean training = args.length > 0 && TRAINING_COMMANDS.contains(args[0]);
        boolean submitted = System.getProperty("spark.master") != null;
        if (!training || submitted || System.getenv(VARIABLE) != null) {
            return Optional.empty();
        }
        ProcessHandle.Info self = ProcessHandle.current().info();
        if (self.command().isEmpty() || self.arguments().isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(self.command().get());
        command.addAll(List.of(self.arguments().get()));
        ProcessBuilder child = new ProcessBuilder(command).inheritIO();
        child.environment().put(VARIABLE, "1");
        try {
            return Optional.of(child.start().waitFor());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(130);
        }
    }
}
