package io.sparksweep.bench;

import io.sparksweep.train.Processor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * CPU time of this JVM's own service threads by kind, read from {@code /proc/self/task/<tid>/stat}: HotSpot names
 * its compiler and collector threads (the kernel keeps the first 15 characters), and they are invisible to
 * {@code ThreadMXBean}. Empty on systems without {@code /proc}.
 */
final class ThreadCpu {

    /** What a JVM thread spends its CPU time on, by its name. */
    enum Kind {
        /** C1/C2 compiler threads. */
        JIT,
        /** Collector threads and the VM thread, which runs Serial GC's collections and every safepoint operation. */
        GC,
        /** Everything else: training threads, ND4J's and JavaCPP's deallocators, reference handling, Spark. */
        OTHER;

        static Kind of(String name) {
            if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") || name.startsWith("Sweeper")) {
                return JIT;
            }
            if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
                return GC;
            }
            return OTHER;
        }
    }

    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux reports thread times in clock ticks; USER_HZ is 100 on every x86-64 kernel. */
    private static final double NANOS_PER_TICK = 1e9 / 100;

    private ThreadCpu() {
    }

    /** CPU nanoseconds (user + system) each kind of thread has used so far; empty map when unreadable. */
    static Map<Kind, Long> byKind() {
        Map<Kind, Long> sums = new EnumMap<>(Kind.class);
        if (!Files.isDirectory(TASKS)) {
            return sums;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open) {
                    continue;
                }
                String[] fields = stat.substring(close + 2).split(" ");
                // Fields 14 and 15 of stat(5), counted after "pid (comm)": utime, stime.
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                sums.merge(Kind.of(stat.substring(open + 1, close)), Math.round(ticks * NANOS_PER_TICK), Long::sum);
            }
        } catch (IOException | RuntimeException e) {
            return new EnumMap<>(Kind.class);
        }
        return sums;
    }

    /**
     * The processor with its family, model and widest vector unit, or the architecture where /proc/cpuinfo is not
     * there: ratios to other frameworks move a lot between processors.
     */
    static String cpuModel() {
        return Processor.ofThisMachine().map(Processor::describe).orElse(System.getProperty("os.arch"));
    }
}
