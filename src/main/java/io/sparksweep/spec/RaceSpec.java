package io.sparksweep.spec;

/**
 * The {@code race:} section, used with {@code search: {strategy: race}}.
 *
 * @param alpha  family-wise error level of all the race's eliminations together
 * @param budget most runs the race may train in total (optional)
 */
public record RaceSpec(Double alpha, Integer budget) {
}
