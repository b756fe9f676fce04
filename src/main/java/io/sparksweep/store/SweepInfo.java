package io.sparksweep.store;

/**
 * Row of the {@code sweep} table: what was run, when, where.
 *
 * @param versions JSON object of library, Java and OS versions
 */
public record SweepInfo(String name, String specText, String specHash, long seed, int repeats, long startedAt,
                        long finishedAt, String sparkMaster, String versions) {
}
