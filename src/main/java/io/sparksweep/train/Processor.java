package io.sparksweep.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The machine's processor as the first entry of {@code /proc/cpuinfo} describes it. Native libraries pick their
 * kernels from the same facts, and ratios to other frameworks move with them, so the bench records them and the
 * launcher reads them to set OpenBLAS up ({@link BlasKernel}).
 *
 * @param name   "model name" ("AMD EPYC" on many VMs, which says little)
 * @param vendor "vendor_id" ("AuthenticAMD", "GenuineIntel")
 * @param family "cpu family", -1 when absent
 * @param model  "model", -1 when absent
 * @param flags  the feature flags ("avx2", "avx512f", ...)
 */
public record Processor(String name, String vendor, int family, int model, Set<String> flags) {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** @return the processor, or empty where /proc/cpuinfo cannot be read (not Linux) */
    public static Optional<Processor> ofThisMachine() {
        // Only the first entry: on a many-core machine the file repeats it once per core.
        try (Stream<String> lines = Files.lines(CPUINFO)) {
            return parse(lines.takeWhile(line -> !line.isBlank()).toList());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return the first processor entry of cpuinfo's lines, empty when it names no model */
    public static Optional<Processor> parse(List<String> cpuinfo) {
        String name = null;
        String vendor = "";
        int family = -1;
        int model = -1;
        Set<String> flags = Set.of();
        for (String line : cpuinfo) {
            if (line.isBlank()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "model name" -> name = value;
                case "vendor_id" -> vendor = value;
                case "cpu family" -> family = parseOrMissing(value);
                case "model" -> model = parseOrMissing(value);
                case "flags" -> flags = Set.copyOf(Arrays.asList(value.split("\\s+")));
                default -> { }
            }
        }
        return name == null ? Optional.empty() : Optional.of(new Processor(name, vendor, family, model, flags));
    }

    /** Whether it has the AVX-512 subsets OpenBLAS's SkylakeX kernels use. */
    public boolean hasAvx512() {
        return flags.containsAll(List.of("avx512f", "avx512bw", "avx512dq", "avx512vl"));
    }

    public boolean hasAvx2() {
        return flags.containsAll(List.of("avx2", "fma"));
    }

    /** The name with family, model and widest vector unit: two VMs both called "AMD EPYC" can be generations apart. */
    public String describe() {
        String vector = flags.contains("avx512f") ? "AVX-512" : flags.contains("avx2") ? "AVX2, no AVX-512" : "no AVX2";
        return family < 0 ? name + " (" + vector + ")" : name + " (family " + family + ", model " + model + "; " + vector + ")";
    }

    private static int parseOrMissing(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
