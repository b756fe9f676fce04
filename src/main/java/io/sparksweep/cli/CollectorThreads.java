package io.sparksweep.cli;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many threads the relaunched JVM's collector gets. The parallel collector starts one thread per core by default,
 * and a young collection keeps all of them busy while it runs; when the command line says the JVM trains fewer runs at
 * once than the machine has cores (a {@code local[K]} master, a bench of R runs x T threads), it gets as many threads
 * as its runs use cores, so that a one-run JVM's collections cost that run's core rather than the machine's: one
 * training run per core, its collector included.
 */
final class CollectorThreads {

    static final String OPTION = "ParallelGCThreads";
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+)(?:,\\d+)?])?");

    private CollectorThreads() {
    }

    /**
     * @param args       the command line after the jar
     * @param cores      this machine's cores
     * @param userChose  whether the user's JVM options or environment already name {@value #OPTION}
     * @return the option to add, or empty for the JVM's default
     */
    static Optional<String> option(String[] args, int cores, boolean userChose) {
        if (userChose || args.length == 0) {
            return Optional.empty();
        }
        Optional<Integer> busy = switch (args[0]) {
            case "run", "rerun" -> value(args, "--master").flatMap(CollectorThreads::localThreads);
            case "bench" -> args.length > 1 && args[1].equals("throughput")
                    ? Optional.of(intValue(args, "--runs") * intValue(args, "--threads")) : Optional.empty();
            default -> Optional.empty();
        };
        return busy.filter(threads -> threads >= 1 && threads < cores).map(threads -> "-XX:" + OPTION + "=" + threads);
    }

    /** Whether any of these JVM options (the command's own, JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS) names it. */
    static boolean named(List<String> jvmArguments, String... environment) {
        return jvmArguments.stream().anyMatch(a -> a.contains(OPTION))
                || java.util.Arrays.stream(environment).anyMatch(e -> e != null && e.contains(OPTION));
    }

    /** Task threads of a local master ({@code local} is one); empty for {@code local[*]} and cluster masters. */
    private static Optional<Integer> localThreads(String master) {
        Matcher local = LOCAL.matcher(master);
        if (!local.matches()) {
            return Optional.empty();
        }
        return Optional.of(local.group(1) == null ? 1 : Integer.parseInt(local.group(1)));
    }

    /** An option's count, 1 when absent or not a number (picocli then reports it). */
    private static int intValue(String[] args, String name) {
        try {
            return value(args, name).map(Integer::parseInt).orElse(1);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** An option's value, as {@code --name value} or {@code --name=value}. */
    private static Optional<String> value(String[] args, String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                return Optional.of(args[i + 1]);
            }
            if (args[i].startsWith(name + "=")) {
                return Optional.of(args[i].substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }
}
