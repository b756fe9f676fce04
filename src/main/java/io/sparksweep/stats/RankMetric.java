package io.sparksweep.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A per-run metric that trials can be ranked by. */
public enum RankMetric {
    ACCURACY("accuracy", true),
    LOSS("loss", false);

    private final String name;
    private final boolean higherIsBetter;

    RankMetric(String name, boolean higherIsBetter) {
        this.name = name;
        this.higherIsBetter = higherIsBetter;
    }

    /** Column of the runs table with the test set's value. */
    public String column() {
        return column(Selection.TEST);
    }

    /** Column of the runs table: {@code val_accuracy}, {@code test_loss}, ... */
    public String column(Selection selection) {
        return (selection == Selection.VALIDATION ? "val_" : "test_") + name;
    }

    /** "accuracy" or "loss", as specs spell it. */
    public String label() {
        return name;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** @throws IllegalArgumentException naming the allowed values */
    public static RankMetric parse(String name) {
        return Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown metric '" + name + "'; expected one of "
                        + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "))));
    }
}
