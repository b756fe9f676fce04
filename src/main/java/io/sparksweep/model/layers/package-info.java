/**
 * Drop-in replacements for four DL4J layers that compute the same numbers with less work on CPU, used by every
 * model family (measurements: results/bench/perf-notes.md; equivalence: ProjectLayersTest):
 * <ul>
 *   <li>{@link io.sparksweep.model.layers.InputConvolutionLayer}: a network's first conv layer, which skips the
 *   gradient with respect to the network input that {@code MultiLayerNetwork} throws away and computes its weight
 *   gradient in Java ({@code InputGradientKernel}: on the JDK's incubating vector API where the JVM has that module
 *   and emits fused multiply-adds, {@link io.sparksweep.model.layers.VectorModule}), and there its forward pass too
 *   ({@code VectorInputConvolutionForward});</li>
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
 * and five that the trainer and the bench put in when they build a network, so that a family's declared network
 * (and with it a trial's id) names DL4J's classes:
 * <ul>
 *   <li>{@link io.sparksweep.model.layers.FusedDenseLayer} ({@link io.sparksweep.model.layers.FusedLayers#swapIn}):
 *   dense layers whose training passes add the bias and apply the activation in Java and keep the output for
 *   backward, which DL4J's layer recomputes;</li>
 *   <li>{@link io.sparksweep.model.layers.FusedOutputLayer} (the same): a softmax cross-entropy output whose backward
 *   pass keeps the probabilities the step's score is computed from, where DL4J's layer runs its forward pass
 *   twice;</li>
 *   <li>{@link io.sparksweep.model.layers.OneDnnConvolutionLayer} (the same): conv layers after the first, with ReLU
 *   or no activation, computed by oneDNN's primitives called directly ({@link io.sparksweep.model.layers.OneDnn},
 *   the JavaCPP preset's oneDNN, not the copy inside libnd4j; {@link io.sparksweep.model.layers.OneDnnConvolutionPlan}
 *   per batch geometry) with ReLU fused in, converting each array between DL4J's layout and oneDNN's once per pass
 *   where libnd4j's conv helper converts some twice or needlessly;</li>
 *   <li>{@link io.sparksweep.model.layers.MaskedReluActivation} (the same): plain ReLU whose gradient is the incoming
 *   gradient times a 0/1 step of the input, two vectorised libnd4j loops instead of {@code relu_bp}'s call per
 *   element;</li>
 *   <li>{@link io.sparksweep.model.layers.FusedAdamUpdater}: Adam and the division by the minibatch size in one Java
 *   loop over the whole gradient ({@link io.sparksweep.model.layers.AdamKernel}), wherever a network uses plain Adam
 *   without regularisation.</li>
 * </ul>
 * Most of them also cut the ND4J arrays a step creates: each costs native buffers and a deallocation record that
 * the garbage collector copies at least once.
 * Each configuration class ({@code ...Layer}, {@code ...Normalization}) serialises under its own name in a
 * network's JSON and instantiates the matching runtime layer ({@code InputConvolution}, {@code EluActivation},
 * {@code TwoPassBatchNorm}, {@code IndexedMaxPooling}, {@code FusedDense}, {@code FusedOutput}, {@code OneDnnConvolution});
 * {@link io.sparksweep.model.layers.Dl4jEquivalents} names the
 * DL4J layer each one stands in for. The Java kernels work on heap copies ({@link
 * io.sparksweep.model.layers.HostArrays}).
 *
 * <p>May import: nothing of sparksweep.
 */
package io.sparksweep.model.layers;
