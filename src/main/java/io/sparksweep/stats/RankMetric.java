package io.sparksweep.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A per-run metric that trials can be ranked by. */
public enum RankMetric {
    ACCURACY("test_accuracy", true),
    LOSS("test_loss", false);

    private final String column;
    private final boolean higherIsBetter;

    RankMetric(String column, boolean higherIsBetter) {
        this.column = column;
        this.higherIsBetter = higherIsBetter;
    }

    /** Column of the runs table. */
    public String column() {
        return column;
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
