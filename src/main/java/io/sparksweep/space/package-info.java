/**
 * From a spec to the trials of a sweep: the hyperparameter space in Arbiter
 * ({@link io.sparksweep.space.HyperparameterSpace}, {@link io.sparksweep.space.SpaceBuilder}), its candidates, grid or
 * random ({@link io.sparksweep.space.CandidateSource}), and each candidate as a {@link io.sparksweep.space.Trial} with
 * a stable id ({@link io.sparksweep.space.TrialPlanner}, {@link io.sparksweep.space.TrialIds}); a user's own Arbiter
 * space comes in through {@link io.sparksweep.space.CustomSpace} and {@link io.sparksweep.space.CustomSpacePlanner}.
 *
 * <p>May import: {@code spec}, {@code model}, {@code train}, {@code run}. No Spark.
 */
package io.sparksweep.space;
