/**
 * Training one network once, the same in a Spark task, in a driver loop or in a test:
 * {@link io.sparksweep.train.RunTrainer} (epochs over {@link io.sparksweep.train.BatchFeed} minibatches,
 * {@link io.sparksweep.train.EarlyStopping}, evaluation on the test set) as a {@link io.sparksweep.train.TrainingPlan}
 * says; {@link io.sparksweep.train.RunScoring}, the bookkeeping of a run whose epochs are fitted elsewhere;
 * {@link io.sparksweep.train.NativeRuntime} and {@link io.sparksweep.train.NativeAcceleration}, the one door to ND4J's
 * process-wide native settings; and a trained network kept and used again: {@link io.sparksweep.train.SavedModels}
 * (the model zip), {@link io.sparksweep.train.ModelEvaluation} (reload and score on its own test set) and
 * {@link io.sparksweep.train.Predictions} (classify pictures).
 *
 * <p>May import: {@code data}, {@code model}, {@code model.layers}, {@code run}. No Spark: what runs inside a task
 * knows nothing of the cluster around it.
 */
package io.sparksweep.train;
