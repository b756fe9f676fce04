/**
 * The YAML sweep spec: read onto records ({@link io.sparksweep.spec.SweepSpec} and its sections) by
 * {@link io.sparksweep.spec.SpecLoader}, and validated into a {@link io.sparksweep.spec.SweepDefinition} with every
 * default filled in, which is all the packages above ever see of a spec. A spec that cannot run is a
 * {@link io.sparksweep.spec.SpecException}: one line naming the file and the field.
 *
 * <p>May import: {@code data}, {@code run}, {@code stats}. No Spark, DL4J or ND4J.
 */
package io.sparksweep.spec;
