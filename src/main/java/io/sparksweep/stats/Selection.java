package io.sparksweep.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which data set's metric chooses among trials. A choice made on the test set makes the winner's test score
 * optimistic (it is the luckiest of many on those very items) and leaves nothing to estimate it honestly; chosen
 * on validation, the test score of what was chosen is a fair estimate.
 */
public enum Selection {
    /** Each run's validation metric at its best epoch (the epoch whose weights were tested). */
    VALIDATION("validation"),
    /** Each run's test metric: the old habit, for those who want it. */
    TEST("test");

    private final String label;

    Selection(String label) {
        this.label = label;
    }

    /** "validation" or "test", as specs and options spell it. */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException naming the allowed values */
    public static Selection parse(String name) {
        return Arrays.stream(values()).filter(s -> s.label.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown selection set '" + name + "'; expected one of "
                        + Arrays.stream(values()).map(Selection::label).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
