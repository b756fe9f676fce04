/**
 * How a sweep chooses what to train: the sealed {@link io.sparksweep.search.SearchStrategy} with
 * {@link io.sparksweep.search.FixedSearch} (grid, random), {@link io.sparksweep.search.RaceSearch} and
 * {@link io.sparksweep.search.HalvingSearch}, picked from the spec by {@link io.sparksweep.search.SearchStrategies}.
 * A strategy gives the engine a {@link io.sparksweep.engine.RunSource} inside the sweep's lock:
 * {@link io.sparksweep.search.RaceSource} and {@link io.sparksweep.search.HalvingSource} offer the runs their
 * policies in {@code decide} want and hand the engine their decisions as the {@code race} or {@code promotions}
 * table, published with the runs. {@link io.sparksweep.search.PolicyReplay} replays a policy over stored runs.
 *
 * <p>May import: {@code engine}, {@code decide}, {@code store}, {@code stats}, {@code space}, {@code spec},
 * {@code run}.
 */
package io.sparksweep.search;
