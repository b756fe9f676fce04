/**
 * Measurements of the product itself, behind {@code sparksweep bench}: training throughput of reference networks
 * ({@link io.sparksweep.bench.ThroughputBench}, {@link io.sparksweep.bench.BenchMain}), what the Spark engine costs on
 * top of the training ({@link io.sparksweep.bench.SweepOverhead}), one network trained data-parallel against one
 * run ({@link io.sparksweep.bench.DistributedCommand}). Only the CLI imports it. (A race or halving replayed over
 * stored runs is the {@code replay} command, {@code search.PolicyReplay}.)
 *
 * <p>May import: {@code engine}, {@code store} (the results root it hands the engine), {@code decide}, {@code stats}, {@code train}, {@code spec}, {@code model},
 * {@code model.layers}, {@code data}, {@code run}.
 */
package io.sparksweep.bench;
