/**
 * Drop-in replacements for three DL4J layers that compute the same numbers with less work on CPU, used by every
 * model family (measurements: results/bench/perf-notes.md, session 2; equivalence: ProjectLayersTest):
 * <ul>
 *   <li>{@link io.sparksweep.model.layers.InputConvolutionLayer}: a network's first conv layer, which skips the
 *   gradient with respect to the network input that {@code MultiLayerNetwork} throws away;</li>
 *   <li>{@link io.sparksweep.model.layers.EluActivationLayer}: ELU's derivative from the forward output instead of
 *   another {@code exp};</li>
 *   <li>{@link io.sparksweep.model.layers.TwoPassBatchNormalization}: the batch variance in two fast passes instead
 *   of ND4J's slow {@code Variance} reduction.</li>
 * </ul>
 * Each configuration class ({@code ...Layer}, {@code ...Normalization}) serialises under its own name in a
 * network's JSON and instantiates the matching runtime layer ({@code InputConvolution}, {@code EluActivation},
 * {@code TwoPassBatchNorm}).
 */
package io.sparksweep.model.layers;
