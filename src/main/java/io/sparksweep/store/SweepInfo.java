package io.sparksweep.store;

import java.util.Arrays;

/**
 * Row of the {@code sweep} table: what was run, when, where.
 *
 * @param specText the spec's text, or for a Java API sweep a description of its space
 * @param versions JSON object of library, Java and OS versions
 * @param origin   which route made the sweep, so a reader knows whether {@code specText} is a spec
 */
public record SweepInfo(String name, String specText, String specHash, long seed, int repeats, long startedAt,
                        long finishedAt, String sparkMaster, String versions, Origin origin) {

    /** The {@code origin} column of the sweep table. */
    public enum Origin {
        /** A YAML spec: {@code spec_text} is the spec, which reruns and rankings read. */
        SPEC("spec"),
        /** The Java API: {@code spec_text} describes the user's space and is no spec. */
        JAVA_API("java-api");

        private final String label;

        Origin(String label) {
            this.label = label;
        }

        /** The value in the table. */
        public String label() {
            return label;
        }

        /** @throws IllegalArgumentException for a value no version writes */
        public static Origin of(String label) {
            return Arrays.stream(values()).filter(o -> o.label.equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown sweep origin '" + label + "'"));
        }
    }
}
