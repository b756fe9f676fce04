package io.sparksweep.spec;

/**
 * The {@code race:} section, used with {@code search: {strategy: race}}.
 *
 * @param alpha  most chance that the race ever eliminates a candidate of the best true mean (over all looks,
 *               whatever the other candidates' means and noise)
 * @param budget most runs the race may train in total (optional)
 */
public record RaceSpec(Double alpha, Integer budget) {
}
