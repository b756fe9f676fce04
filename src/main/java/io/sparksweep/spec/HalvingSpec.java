package io.sparksweep.spec;

import java.util.List;

/**
 * The {@code halving:} section, used with {@code search: {strategy: halving}}.
 *
 * @param rungs     epochs at which candidates are compared, increasing; the last one is the full training
 * @param reduction 1/reduction of the candidates at a rung is promoted to the next
 */
public record HalvingSpec(List<Integer> rungs, Integer reduction) {
}
