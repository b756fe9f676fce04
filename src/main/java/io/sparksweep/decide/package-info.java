/**
 * The decisions of the adaptive searches, as pure functions of the scores known so far:
 * {@link io.sparksweep.decide.RacePolicy} (a race over seeds; its tests in {@link io.sparksweep.decide.RaceStatistics},
 * its decisions {@link io.sparksweep.decide.RaceDecision}s) and {@link io.sparksweep.decide.HalvingPolicy} (successive
 * halving over epochs). No Spark, no training, no clock: the same scores give the same decisions in whatever order they
 * arrive, which lets a search replay exactly on resume and be tested by simulation. The run sources that act on these
 * decisions are in {@code search}.
 *
 * <p>May import: {@code spec}, {@code stats}, {@code run}. No Spark, DL4J or ND4J.
 */
package io.sparksweep.decide;
