/**
 * Statistics of repeated-seed results, as pure functions of numbers: {@link io.sparksweep.stats.SampleStats} (mean,
 * std, Student's t interval), {@link io.sparksweep.stats.StudentT} (its tail in closed form),
 * {@link io.sparksweep.stats.PairedComparison} (paired or Welch t-test),
 * {@link io.sparksweep.stats.MeanDifference}, {@link io.sparksweep.stats.ProbabilityOfImprovement} (bootstrap),
 * {@link io.sparksweep.stats.HolmCorrection} behind {@link io.sparksweep.stats.Correction},
 * {@link io.sparksweep.stats.ExpectedMaxCurve} (the expected best of n configurations) and
 * {@link io.sparksweep.stats.Marginals}; and the ranking of a sweep's trials built from them:
 * {@link io.sparksweep.stats.BestRanking} ranks by a {@link io.sparksweep.stats.RankMetric} into a
 * {@link io.sparksweep.stats.Ranking}. Callers hand in plain values (scores by trial and seed), so every number here
 * is tested without Spark or training.
 *
 * <p>May import: nothing of sparksweep. No Spark, DL4J or ND4J (Commons Math is the one library).
 */
package io.sparksweep.stats;
