/**
 * Searches that decide from finished runs what to train next, plugged into the engine as
 * {@link io.sparksweep.engine.RunSource}s: {@link io.sparksweep.search.RaceSource} and
 * {@link io.sparksweep.search.HalvingSource} offer the runs their policies in {@code decide} want;
 * {@link io.sparksweep.search.RaceSweep} and {@link io.sparksweep.search.HalvingSweep} run a sweep with one and write
 * its decisions as the {@code race} or {@code promotions} table. A plain grid or random sweep needs no search (the
 * engine's {@link io.sparksweep.engine.FixedRuns}).
 *
 * <p>May import: {@code engine}, {@code decide}, {@code store}, {@code stats}, {@code space}, {@code spec},
 * {@code run}.
 */
package io.sparksweep.search;
