package io.sparksweep.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the p-values of the comparisons with the leader are corrected for their number. */
public enum Correction {
    /**
     * Holm's step-down method over all pairwise comparisons of the ranked trials: controls the chance of any
     * false "worse", although the leader is picked from the same runs.
     */
    HOLM("Holm-corrected"),
    /** Each test stands alone: with many trials some look worse by chance. */
    NONE("uncorrected");

    private final String adjective;

    Correction(String adjective) {
        this.adjective = adjective;
    }

    /** "Holm-corrected" or "uncorrected", to qualify a p-value in a sentence. */
    public String adjective() {
        return adjective;
    }

    /** Adjusted p-values in the order given; NaN stays NaN and does not count as a comparison. */
    public double[] adjust(double[] pValues) {
        return this == HOLM ? HolmCorrection.adjust(pValues) : pValues.clone();
    }

    /** @throws IllegalArgumentException naming the allowed values */
    public static Correction parse(String name) {
        return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown correction '" + name + "'; expected one of "
                        + Arrays.stream(values()).map(c -> c.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "))));
    }
}
