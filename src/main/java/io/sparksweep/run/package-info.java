/**
 * A training run's identity and record, the words every package above shares: {@link io.sparksweep.run.RunRecord}
 * (one finished or failed run with its {@link io.sparksweep.run.EpochRecord}s and
 * {@link io.sparksweep.run.ClassMetrics}, and its per-item {@link io.sparksweep.run.TestPredictions}),
 * {@link io.sparksweep.run.RunKey} (trial and seed),
 * {@link io.sparksweep.run.RunStatus}, and {@link io.sparksweep.run.RunSeeds} (each run's seed from the sweep's master
 * seed); and how a run trains beyond its network, {@link io.sparksweep.run.LearningRateSchedule} and
 * {@link io.sparksweep.run.Augmentation}, which the spec names and the trainer applies. Plain serialisable values,
 * because they travel between the driver and the executors.
 *
 * <p>May import: nothing of sparksweep. No Spark, DL4J or ND4J.
 */
package io.sparksweep.run;
