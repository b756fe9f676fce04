/**
 * Reruns: one trial of a finished sweep trained again with fresh seeds ({@link io.sparksweep.rerun.Reruns}, asked by
 * a {@link io.sparksweep.rerun.RerunRequest}) from the exact network and plan the sweep stored, through the engine's
 * training; every ok run's model saved with its provenance, the runs in the rerun tables, and the fresh estimate set
 * beside the sweep's ({@link io.sparksweep.rerun.RerunReport}, {@link io.sparksweep.rerun.RerunOutcome}).
 *
 * <p>May import: {@code engine}, {@code store}, {@code stats}, {@code space}, {@code train}, {@code spec},
 * {@code model}, {@code data}, {@code run}.
 */
package io.sparksweep.rerun;
