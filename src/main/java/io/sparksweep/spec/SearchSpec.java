package io.sparksweep.spec;

/**
 * @param strategy   grid or random (every candidate gets every seed), race (seeds go to candidates still tied
 *                   with the leader) or halving (epochs go to the best candidates, rung by rung)
 * @param candidates with race or halving: how the candidates are drawn, grid or random
 * @param gridSteps  values per continuous range in a grid
 * @param samples    distinct configurations drawn by random search
 */
public record SearchSpec(String strategy, String candidates, Integer gridSteps, Integer samples) {
}
