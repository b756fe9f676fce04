package io.sparksweep.cli;

import io.sparksweep.model.layers.VectorModule;
import io.sparksweep.train.BlasKernel;
import io.sparksweep.train.Processor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A plain {@code java -jar ... run} (or {@code bench}, {@code rerun}, {@code evaluate}) restarts itself once, before anything native loads, in
 * a JVM set up for training:
 * <ul>
 *   <li>OMP_NUM_THREADS=1: libnd4j sizes part of its thread pool from it once, when the native library loads,
 *   and nothing in-process can lower it later; runs train fastest one thread each, side by side
 *   (docs/performance.md).</li>
 *   <li>{@value #NO_PHYSICAL_MEMORY_CHECK}: no resident-memory check at every native allocation.</li>
 *   <li>OPENBLAS_CORETYPE where ND4J's OpenBLAS does not know the processor ({@link BlasKernel}).</li>
 *   <li>GLIBC_TUNABLES {@link #MALLOC_TUNABLES} (unless the user set the variable): glibc's malloc keeps freed
 *   memory in the process, in huge pages. The oneDNN inside libnd4j allocates its reordered copies of conv
 *   activations (6 MB each on mini-VGG) with malloc at every call, and glibc otherwise maps them afresh and returns
 *   them to the kernel each time, so each step paid page faults on them.</li>
 *   <li>{@link #JVM_OPTIONS}: the collector and compiler set for one training run per core, the same options
 *   cluster/spark-defaults.conf gives executors; the collector's threads sized to the runs trained at once when that
 *   is fewer than the cores ({@link CollectorThreads}).</li>
 *   <li>a class-data archive beside the jar ({@link ClassDataArchive}), which cuts Spark's start-up and the
 *   first table writes.</li>
 * </ul>
 * A {@code java -jar} launch with OMP_NUM_THREADS already set (the bench scripts choose threads per experiment)
 * is relaunched too, keeping the variable, so that it trains with the same JVM options; a launch by class name
 * with the variable set (the tests' child processes) trains in its own JVM as it is. Under spark-submit nothing
 * is relaunched: executors get the variable from spark.executorEnv and the options from
 * spark.executor.extraJavaOptions (cluster/spark-defaults.conf).
 */
final class TrainingRelaunch {

    static final String VARIABLE = "OMP_NUM_THREADS";
    /**
     * JavaCPP reads the process's resident memory (/proc) at every native allocation, i.e. for every ND4J array's
     * shape buffer, to enforce this limit: ~3% of a LeNet-5 training step (perf-notes.md). Off-heap memory
     * stays capped by {@code org.bytedeco.javacpp.maxbytes} (the heap size by default).
     */
    private static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";
    static final String NO_PHYSICAL_MEMORY_CHECK = "-D" + MAX_PHYSICAL_BYTES + "=0";
    private static final List<String> TRAINING_COMMANDS = List.of("run", "bench", "rerun", "evaluate");
    /** Set in the child, so that it never relaunches itself again. */
    static final String RELAUNCHED = "-Dsparksweep.relaunched=true";
    /**
     * JVM options for training, chosen by measurement (docs: Performance). A run is one thread on one core; what
     * else the JVM does takes CPU from that run or its neighbours. The vector module is for the first conv layer's
     * weight gradient ({@link VectorModule}).
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseParallelGC", VectorModule.JVM_OPTION);
    static final String MALLOC_VARIABLE = "GLIBC_TUNABLES";
    /**
     * Heap, not fresh mappings, for blocks up to 32 MB; never hand freed heap memory back to the kernel; ask for
     * transparent huge pages (where the kernel offers them on request): oneDNN's reorder of a conv activation into
     * its 16-channel blocks reads 16 channel planes at once and was bound by TLB misses on 4 KB pages.
     */
    static final String MALLOC_TUNABLES =
            "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=4294967296:glibc.malloc.hugetlb=1";

    private TrainingRelaunch() {
    }

    /** @return the child's exit code when this JVM relaunched itself, empty when it should go on itself */
    static Optional<Integer> ifNeeded(String[] args) {
        ProcessHandle.Info self = ProcessHandle.current().info();
        List<String> jvmArguments = self.arguments().map(List::of).orElse(List.of());
        if (!needed(args, jvmArguments, System.getProperty("spark.master") != null, System.getenv(VARIABLE) != null)
                || self.command().isEmpty() || self.arguments().isEmpty()) {
            if (args.length > 0 && TRAINING_COMMANDS.contains(args[0]) && System.getProperty(MAX_PHYSICAL_BYTES) == null) {
                // Training in this JVM (the user chose the threads): JavaCPP reads the property when it first
                // loads, which has not happened yet.
                System.setProperty(MAX_PHYSICAL_BYTES, "0");
            }
            return Optional.empty();
        }
        Optional<ClassDataArchive> archive = archiveFor(jvmArguments);
        List<String> command = new ArrayList<>();
        command.add(self.command().get());
        archive.ifPresent(a -> command.addAll(a.jvmOptions()));
        // Before the user's options, so that theirs win.
        command.add(NO_PHYSICAL_MEMORY_CHECK);
        command.addAll(JVM_OPTIONS);
        CollectorThreads.option(args, Runtime.getRuntime().availableProcessors(), CollectorThreads.named(jvmArguments,
                System.getenv("JAVA_TOOL_OPTIONS"), System.getenv("JDK_JAVA_OPTIONS"))).ifPresent(command::add);
        command.add(RELAUNCHED);
        if (archive.isPresent() && !archive.get().recorded()) {
            System.err.println("First run of this jar: its classes are archived when the run ends (a few seconds, once),"
                    + " so later runs start faster.");
        }
        command.addAll(jvmArguments);
        // Standard error through a filter: the JVM announces the vector module on it at every start.
        ProcessBuilder child = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        child.environment().putIfAbsent(VARIABLE, "1");
        child.environment().putIfAbsent(MALLOC_VARIABLE, MALLOC_TUNABLES);
        Processor.ofThisMachine().flatMap(BlasKernel::forUnrecognised)
                .ifPresent(kernel -> child.environment().putIfAbsent(BlasKernel.VARIABLE, kernel));
        try {
            Process process = child.start();
            Thread errors = StartupWarningFilter.forward(process.getErrorStream(), System.err,
                    VectorModule.STARTUP_WARNING);
            int exit = process.waitFor();
            errors.join();
            archive.ifPresent(ClassDataArchive::afterChildExit);
            return Optional.of(exit);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(130);
        }
    }

    /**
     * Whether this launch should restart itself: a training command, outside spark-submit, not already the
     * relaunched child, and either without OMP_NUM_THREADS or started with {@code -jar}.
     */
    static boolean needed(String[] args, List<String> jvmArguments, boolean submitted, boolean threadsChosen) {
        boolean training = args.length > 0 && TRAINING_COMMANDS.contains(args[0]);
        boolean jarLaunch = jvmArguments.contains("-jar");
        return training && !submitted && !jvmArguments.contains(RELAUNCHED) && (!threadsChosen || jarLaunch);
    }

    /** Only for {@code -jar} launches, and never against the user's own class-sharing options. */
    private static Optional<ClassDataArchive> archiveFor(List<String> jvmArguments) {
        int jar = jvmArguments.indexOf("-jar");
        boolean userChoseSharing = jvmArguments.stream()
                .anyMatch(a -> a.startsWith("-Xshare") || a.contains("SharedArchiveFile") || a.contains("ArchiveClasses"));
        if (jar < 0 || jar + 1 >= jvmArguments.size() || userChoseSharing) {
            return Optional.empty();
        }
        return ClassDataArchive.beside(Path.of(jvmArguments.get(jar + 1)));
    }
}
