/**
 * Runs runs. {@link io.sparksweep.engine.SweepEngine} pulls runs from a {@link io.sparksweep.engine.RunSource} (by
 * default {@link io.sparksweep.engine.FixedRuns}: every trial x seed not done yet), trains each as its own Spark job
 * over one broadcast of the data ({@link io.sparksweep.engine.RunJobs}, {@link io.sparksweep.engine.TrainOnExecutor}),
 * keeps a checkpoint of each long run every so often ({@link io.sparksweep.engine.StoredCheckpoints}), journals each run the
 * moment it finishes, saves the models the spec asks for ({@link io.sparksweep.engine.SweepModels},
 * {@link io.sparksweep.engine.ModelFiles}) and consolidates the tables through the store. The routes in make a
 * {@link io.sparksweep.engine.SweepRequest}: {@link io.sparksweep.engine.SpecSweeps} from a YAML spec,
 * {@link io.sparksweep.engine.CustomSweeps} from the Java API. Other ways to train a list of runs
 * ({@link io.sparksweep.engine.RunTraining}: one Spark task per run, or one run across all executors with
 * {@link io.sparksweep.engine.DistributedTraining}, both through the one {@link io.sparksweep.engine.RunLoop}), starting Spark ({@link io.sparksweep.engine.SparkSessions}), the
 * console's progress and every run's provenance live here too. The engine decides nothing about which runs to train:
 * a search plugs in from {@code search} as a run source.
 *
 * <p>May import: {@code store}, {@code space}, {@code train}, {@code spec}, {@code model}, {@code model.layers},
 * {@code data}, {@code run}, {@code stats}.
 */
package io.sparksweep.engine;
