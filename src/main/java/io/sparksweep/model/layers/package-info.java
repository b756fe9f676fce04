/**
 * Drop-in replacements for four DL4J layers that compute the same numbers with less work on CPU, used by every
 * model family (measurements: results/bench/perf-notes.md; equivalence: ProjectLayersTest):
 * <ul>
 *   <li>{@link io.sparksweep.model.layers.InputConvolutionLayer}: a network's first conv layer, which skips the
 *   gradient with respect to the network input that {@code MultiLayerNetwork} throws away;</li>
 *   <li>{@link io.sparksweep.model.layers.EluActivationLayer}: ELU in a loop the JIT vectorises
 *   ({@link io.sparksweep.model.layers.EluKernel}), its derivative from the forward output instead of another
 *   {@code exp};</li>
 *   <li>{@link io.sparksweep.model.layers.TwoPassBatchNormalization}: training passes in fused Java loops
 *   ({@link io.sparksweep.model.layers.BatchNormKernel}) instead of ND4J's slow {@code Variance} reduction and
 *   libnd4j's ~10-op backward;</li>
 *   <li>{@link io.sparksweep.model.layers.IndexedMaxPoolingLayer}: max pooling that remembers its maxima
 *   ({@link io.sparksweep.model.layers.MaxPoolKernel}), so backward is a scatter instead of a forward re-run plus
 *   oneDNN's backward.</li>
 * </ul>
 * and one replacement for DL4J's updater: {@link io.sparksweep.model.layers.FusedAdamUpdater}, Adam and the division
 * by the minibatch size in one Java loop over the whole gradient ({@link io.sparksweep.model.layers.AdamKernel}),
 * installed by the trainer and the bench wherever a network uses plain Adam without regularisation.
 * Each configuration class ({@code ...Layer}, {@code ...Normalization}) serialises under its own name in a
 * network's JSON and instantiates the matching runtime layer ({@code InputConvolution}, {@code EluActivation},
 * {@code TwoPassBatchNorm}, {@code IndexedMaxPooling}); {@link io.sparksweep.model.layers.Dl4jEquivalents} names the
 * DL4J layer each one stands in for. The Java kernels work on heap copies ({@link
 * io.sparksweep.model.layers.HostArrays}).
 *
 * <p>May import: nothing of sparksweep.
 */
package io.sparksweep.model.layers;
