package io.sparksweep.spec;

/**
 * @param strategy  grid or random
 * @param gridSteps values per continuous range in a grid
 * @param samples   distinct configurations drawn by random search
 */
public record SearchSpec(String strategy, Integer gridSteps, Integer samples) {
}
