/**
 * The model families of the reference experiments ({@link io.sparksweep.model.ModelFamily}), built into DL4J networks
 * from {@link io.sparksweep.model.ModelSettings} ({@link io.sparksweep.model.ModelFamilies},
 * {@link io.sparksweep.model.LayerStack}); a network's size and inference cost computed from its configuration
 * ({@link io.sparksweep.model.ModelCost}) or measured ({@link io.sparksweep.model.LatencyProbe}); and the provenance a
 * saved model carries ({@link io.sparksweep.model.SavedModelProvenance}, one typed record built from the keys of a run's
 * provenance that {@link io.sparksweep.model.RunFacts} names). The faster layers the families use are in
 * {@code model.layers}.
 *
 * <p>May import: {@code model.layers}. No Spark.
 */
package io.sparksweep.model;
