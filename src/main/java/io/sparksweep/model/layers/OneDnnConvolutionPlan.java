package io.sparksweep.model.layers;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_auto;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_direct;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_relu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_relu_use_dst_for_bwd;
import static org.bytedeco.dnnl.global.dnnl.dnnl_format_tag_any;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_oihw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_diff_dst_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_diff_src_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_diff_weights_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_dst_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_src_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_weights_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_x;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * oneDNN's primitives for one convolution geometry (batch size included), built once and run every step: the
 * convolution (bias and, for ReLU layers, the activation fused in), and for training its two backward primitives and
 * the ReLU gradient. Activations and gradients stay in the layouts oneDNN chose for its kernels between a forward pass
 * and the backward pass that follows it, so a step converts each plain NCHW array once: the input, the output, the
 * output gradient and the input gradient, where libnd4j's conv helper converts the output gradient twice and converts
 * its output and input-gradient arrays into the blocked layout before overwriting them.
 *
 * <p>Not thread-safe: one plan belongs to one layer of one network, which one thread trains.
 */
final class OneDnnConvolutionPlan {

    /** How oneDNN convolves. */
    enum Algorithm {
        /**
         * oneDNN's choice, Winograd for 3x3 kernels where it has one (faster; rounds differently from a direct sum,
         * within the tolerances DL4J's own gradients are compared at).
         */
        FASTEST(dnnl_convolution_auto),
        /** Direct summation, as DL4J's built-in path and PyTorch's oneDNN convolutions compute. */
        DIRECT(dnnl_convolution_direct);

        final int code;

        Algorithm(int code) {
            this.code = code;
        }
    }

    private final ConvolutionGeometry geometry;
    private final boolean relu;
    private final boolean bias;
    private final dnnl_stream stream;
    private final List<dnnl_primitive_desc> descriptors = new ArrayList<>();
    private final List<dnnl_memory> memories = new ArrayList<>();
    private final List<OneDnn.Call> calls = new ArrayList<>();
    /** Native buffers of the blocked copies, referenced so they live as long as the plan. */
    private final List<Pointer> buffers = new ArrayList<>();

    private final dnnl_memory input;
    private final dnnl_memory weights;
    private final dnnl_memory biasValues;
    private final dnnl_memory output;
    private final OneDnn.Call inputIn;
    private final OneDnn.Call weightsIn;
    private final OneDnn.Call convolution;
    private final OneDnn.Call outputOut;

    private final Backward backward;

    /** The array whose blocked copy and output this plan holds after a training forward pass; null before. */
    Object forwardInput;

    /**
     * @param algorithm how oneDNN convolves
     * @param training whether backward passes follow (then the forward pass keeps what they need)
     * @param relu     whether ReLU follows the convolution (fused into it)
     * @param bias     whether the layer has a bias
     */
    OneDnnConvolutionPlan(ConvolutionGeometry geometry, Algorithm algorithm, boolean training, boolean relu,
                          boolean bias) {
        this.geometry = geometry;
        this.relu = relu;
        this.bias = bias;
        this.stream = OneDnn.stream();
        long[] in = geometry.inputDims();
        long[] out = geometry.outputDims();
        long[] w = geometry.weightDims();
        dnnl_memory_desc_t plainIn = OneDnn.descriptor(in, dnnl_nchw);
        dnnl_memory_desc_t plainOut = OneDnn.descriptor(out, dnnl_nchw);
        dnnl_memory_desc_t plainWeights = OneDnn.descriptor(w, dnnl_oihw);
        dnnl_memory_desc_t biasMd = bias ? OneDnn.descriptor(new long[] {geometry.outC()}, dnnl_x) : null;

        dnnl_convolution_desc_t forwardOp = new dnnl_convolution_desc_t();
        OneDnn.check(dnnl.dnnl_convolution_forward_desc_init(forwardOp,
                training ? dnnl_forward_training : dnnl_forward_inference, algorithm.code,
                OneDnn.descriptor(in, dnnl_format_tag_any), OneDnn.descriptor(w, dnnl_format_tag_any), biasMd,
                OneDnn.descriptor(out, dnnl_format_tag_any), geometry.strides(), geometry.paddingBefore(),
                geometry.paddingAfter()), "convolution descriptor");
        dnnl_primitive_desc forwardPd = describe(forwardOp, reluAttribute(relu), null, "convolution forward");

        input = plain(plainIn);
        weights = plain(plainWeights);
        biasValues = bias ? plain(biasMd) : null;
        output = plain(plainOut);
        dnnl_memory blockedInput = blocked(OneDnn.query(forwardPd, dnnl_query_src_md));
        dnnl_memory blockedWeights = blocked(OneDnn.query(forwardPd, dnnl_query_weights_md));
        dnnl_memory blockedOutput = blocked(OneDnn.query(forwardPd, dnnl_query_dst_md));
        inputIn = convert(input, plainIn, blockedInput, OneDnn.query(forwardPd, dnnl_query_src_md));
        weightsIn = convert(weights, plainWeights, blockedWeights, OneDnn.query(forwardPd, dnnl_query_weights_md));
        convolution = bias
                ? call(OneDnn.primitive(forwardPd, "convolution forward"),
                        new int[] {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_BIAS, DNNL_ARG_DST},
                        blockedInput, blockedWeights, biasValues, blockedOutput)
                : call(OneDnn.primitive(forwardPd, "convolution forward"),
                        new int[] {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST},
                        blockedInput, blockedWeights, blockedOutput);
        outputOut = convert(blockedOutput, OneDnn.query(forwardPd, dnnl_query_dst_md), output, plainOut);
        backward = training ? new Backward(algorithm, forwardPd, blockedInput, blockedOutput, plainIn, plainOut, plainWeights,
                biasMd) : null;
    }

    /** What a backward pass adds to the plan. */
    private final class Backward {
        final dnnl_memory outputGradient;
        final dnnl_memory inputGradient;
        final dnnl_memory weightGradient;
        final dnnl_memory biasGradient;
        final OneDnn.Call outputGradientIn;
        final OneDnn.Call outputForReluGradient;
        final OneDnn.Call reluGradient;
        final OneDnn.Call outputGradientForWeights;
        final OneDnn.Call inputForWeights;
        final OneDnn.Call weightGradients;
        final OneDnn.Call weightGradientOut;
        final OneDnn.Call weightsForData;
        final OneDnn.Call dataGradient;
        final OneDnn.Call inputGradientOut;

        Backward(Algorithm algorithm, dnnl_primitive_desc forwardPd, dnnl_memory blockedInput, dnnl_memory blockedOutput,
                 dnnl_memory_desc_t plainIn, dnnl_memory_desc_t plainOut, dnnl_memory_desc_t plainWeights,
                 dnnl_memory_desc_t biasMd) {
            long[] in = geometry.inputDims();
            long[] out = geometry.outputDims();
            long[] w = geometry.weightDims();
            dnnl_convolution_desc_t dataOp = new dnnl_convolution_desc_t();
            OneDnn.check(dnnl.dnnl_convolution_backward_data_desc_init(dataOp, algorithm.code,
                    OneDnn.descriptor(in, dnnl_format_tag_any), OneDnn.descriptor(w, dnnl_format_tag_any),
                    OneDnn.descriptor(out, dnnl_format_tag_any), geometry.strides(), geometry.paddingBefore(),
                    geometry.paddingAfter()), "backward-data descriptor");
            dnnl_primitive_desc dataPd = describe(dataOp, null, forwardPd, "convolution backward data");
            dnnl_convolution_desc_t weightsOp = new dnnl_convolution_desc_t();
            OneDnn.check(dnnl.dnnl_convolution_backward_weights_desc_init(weightsOp, algorithm.code,
                    OneDnn.descriptor(in, dnnl_format_tag_any), OneDnn.descriptor(w, dnnl_format_tag_any), biasMd,
                    OneDnn.descriptor(out, dnnl_format_tag_any), geometry.strides(), geometry.paddingBefore(),
                    geometry.paddingAfter()), "backward-weights descriptor");
            dnnl_primitive_desc weightsPd = describe(weightsOp, null, forwardPd, "convolution backward weights");

            outputGradient = plain(plainOut);
            inputGradient = plain(plainIn);
            weightGradient = plain(plainWeights);
            biasGradient = bias ? plain(biasMd) : null;

            // The output gradient in the backward-data layout; ReLU's gradient is taken there, in place.
            dnnl_memory_desc_t dataOutGradMd = OneDnn.query(dataPd, dnnl_query_diff_dst_md);
            dnnl_memory blockedOutGrad = blocked(dataOutGradMd);
            outputGradientIn = convert(outputGradient, plainOut, blockedOutGrad, dataOutGradMd);
            // ReLU's output in that layout too: oneDNN has fast ReLU gradients only for one layout on both sides (where
            // the forward pass and backward data disagree, SSE4.1's direct forward and GEMM backward, it fell back to
            // its reference code).
            if (relu) {
                Relayout outputForRelu = relayout(blockedOutput, OneDnn.query(forwardPd, dnnl_query_dst_md),
                        dataOutGradMd);
                outputForReluGradient = outputForRelu.conversion();
                reluGradient = reluGradient(dataOutGradMd, outputForRelu.memory(), blockedOutGrad);
            } else {
                outputForReluGradient = null;
                reluGradient = null;
            }

            Relayout outGradForWeights = relayout(blockedOutGrad, dataOutGradMd,
                    OneDnn.query(weightsPd, dnnl_query_diff_dst_md));
            outputGradientForWeights = outGradForWeights.conversion();
            Relayout inForWeights = relayout(blockedInput, OneDnn.query(forwardPd, dnnl_query_src_md),
                    OneDnn.query(weightsPd, dnnl_query_src_md));
            inputForWeights = inForWeights.conversion();
            dnnl_memory_desc_t weightGradMd = OneDnn.query(weightsPd, dnnl_query_diff_weights_md);
            dnnl_memory blockedWeightGrad = blocked(weightGradMd);
            weightGradients = bias
                    ? call(OneDnn.primitive(weightsPd, "convolution backward weights"),
                            new int[] {DNNL_ARG_SRC, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_WEIGHTS, DNNL_ARG_DIFF_BIAS},
                            inForWeights.memory(), outGradForWeights.memory(), blockedWeightGrad, biasGradient)
                    : call(OneDnn.primitive(weightsPd, "convolution backward weights"),
                            new int[] {DNNL_ARG_SRC, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_WEIGHTS},
                            inForWeights.memory(), outGradForWeights.memory(), blockedWeightGrad);
            weightGradientOut = convert(blockedWeightGrad, weightGradMd, weightGradient, plainWeights);

            dnnl_memory_desc_t dataWeightsMd = OneDnn.query(dataPd, dnnl_query_weights_md);
            dnnl_memory dataWeights = blocked(dataWeightsMd);
            weightsForData = convert(weights, plainWeights, dataWeights, dataWeightsMd);
            dnnl_memory_desc_t inGradMd = OneDnn.query(dataPd, dnnl_query_diff_src_md);
            dnnl_memory blockedInGrad = blocked(inGradMd);
            dataGradient = call(OneDnn.primitive(dataPd, "convolution backward data"),
                    new int[] {DNNL_ARG_DIFF_DST, DNNL_ARG_WEIGHTS, DNNL_ARG_DIFF_SRC},
                    blockedOutGrad, dataWeights, blockedInGrad);
            inputGradientOut = convert(blockedInGrad, inGradMd, inputGradient, plainIn);
        }
    }

    /** A memory in the layout a primitive wants, and the reorder that refreshes it (null: the memory itself). */
    private record Relayout(dnnl_memory memory, OneDnn.Call conversion) {
    }

    /** {@code memory} (layout {@code md}) as layout {@code wanted}: itself when they agree, else a reordered copy. */
    private Relayout relayout(dnnl_memory memory, dnnl_memory_desc_t md, dnnl_memory_desc_t wanted) {
        if (OneDnn.same(md, wanted)) {
            return new Relayout(memory, null);
        }
        dnnl_memory copy = blocked(wanted);
        return new Relayout(copy, convert(memory, md, copy, wanted));
    }

    /** ReLU's gradient computed from its output, in place on the output gradient, both in layout {@code md}. */
    private OneDnn.Call reluGradient(dnnl_memory_desc_t md, dnnl_memory output, dnnl_memory gradient) {
        dnnl_eltwise_desc_t forwardOp = new dnnl_eltwise_desc_t();
        OneDnn.check(dnnl.dnnl_eltwise_forward_desc_init(forwardOp, dnnl_forward_training,
                dnnl_eltwise_relu_use_dst_for_bwd, md, 0f, 0f), "ReLU descriptor");
        dnnl_primitive_desc hint = describe(forwardOp, null, null, "ReLU forward");
        dnnl_eltwise_desc_t backwardOp = new dnnl_eltwise_desc_t();
        OneDnn.check(dnnl.dnnl_eltwise_backward_desc_init(backwardOp, dnnl_eltwise_relu_use_dst_for_bwd,
                md, md, 0f, 0f), "ReLU backward descriptor");
        dnnl_primitive_desc backwardPd = describe(backwardOp, null, hint, "ReLU backward");
        return call(OneDnn.primitive(backwardPd, "ReLU backward"),
                new int[] {DNNL_ARG_DST, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_SRC},
                output, gradient, gradient);
    }

    private static dnnl_primitive_attr reluAttribute(boolean relu) {
        if (!relu) {
            return null;
        }
        PointerPointer<?> out = new PointerPointer<>(1);
        OneDnn.check(dnnl.dnnl_primitive_attr_create(out), "attribute");
        dnnl_primitive_attr attr = new dnnl_primitive_attr(out.get(0));
        PointerPointer<?> opsOut = new PointerPointer<>(1);
        OneDnn.check(dnnl.dnnl_post_ops_create(opsOut), "post-ops");
        dnnl_post_ops ops = new dnnl_post_ops(opsOut.get(0));
        OneDnn.check(dnnl.dnnl_post_ops_append_eltwise(ops, 1f, dnnl_eltwise_relu, 0f, 0f), "ReLU post-op");
        OneDnn.check(dnnl.dnnl_primitive_attr_set_post_ops(attr, ops), "set post-ops");
        dnnl.dnnl_post_ops_destroy(ops);
        return attr;
    }

    private dnnl_primitive_desc describe(Pointer op, dnnl_primitive_attr attr, dnnl_primitive_desc hint, String what) {
        dnnl_primitive_desc pd = OneDnn.primitiveDescriptor(op, attr, hint, what);
        if (attr != null) {
            dnnl.dnnl_primitive_attr_destroy(attr);
        }
        descriptors.add(pd);
        return pd;
    }

    /** A memory object for a caller's plain array, pointed at it per call. */
    private dnnl_memory plain(dnnl_memory_desc_t md) {
        dnnl_memory memory = OneDnn.memory(md, null);
        memories.add(memory);
        return memory;
    }

    /** A memory object with a buffer of its own, in the layout a primitive chose. */
    private dnnl_memory blocked(dnnl_memory_desc_t md) {
        Pointer buffer = OneDnn.buffer(md);
        buffers.add(buffer);
        dnnl_memory memory = OneDnn.memory(md, buffer);
        memories.add(memory);
        return memory;
    }

    /** A reorder from {@code from} (layout {@code fromMd}) to {@code to} (layout {@code toMd}). */
    private OneDnn.Call convert(dnnl_memory from, dnnl_memory_desc_t fromMd, dnnl_memory to, dnnl_memory_desc_t toMd) {
        return call(OneDnn.reorder(fromMd, toMd), new int[] {DNNL_ARG_FROM, DNNL_ARG_TO}, from, to);
    }

    private OneDnn.Call call(org.bytedeco.dnnl.dnnl_primitive primitive, int[] kinds, dnnl_memory... args) {
        OneDnn.Call call = new OneDnn.Call(primitive, kinds, args);
        calls.add(call);
        return call;
    }

    /**
     * Convolves {@code in} (NCHW) by {@code w} (OIHW), adds {@code b} (null without bias), applies ReLU if the plan
     * has it, and writes {@code out} (NCHW) unless it is null (a forward pass repeated for a backward pass).
     */
    void forward(Pointer in, Pointer w, Pointer b, Pointer out) {
        OneDnn.point(input, in);
        OneDnn.point(weights, w);
        if (bias) {
            OneDnn.point(biasValues, b);
        }
        inputIn.run(stream);
        weightsIn.run(stream);
        convolution.run(stream);
        if (out != null) {
            OneDnn.point(output, out);
            outputOut.run(stream);
        }
    }

    /**
     * From the output gradient {@code dOut} (NCHW) of the last {@link #forward} (the same input and weights
     * {@code w}): the weight gradient {@code dW} (OIHW), the bias gradient {@code dB} (null without bias) and the
     * input gradient {@code dIn} (NCHW).
     */
    void backward(Pointer dOut, Pointer w, Pointer dW, Pointer dB, Pointer dIn) {
        Backward b = backward;
        OneDnn.point(b.outputGradient, dOut);
        OneDnn.point(weights, w);
        OneDnn.point(b.weightGradient, dW);
        if (bias) {
            OneDnn.point(b.biasGradient, dB);
        }
        OneDnn.point(b.inputGradient, dIn);
        b.outputGradientIn.run(stream);
        if (relu) {
            refresh(b.outputForReluGradient);
            b.reluGradient.run(stream);
        }
        refresh(b.outputGradientForWeights);
        refresh(b.inputForWeights);
        b.weightGradients.run(stream);
        b.weightGradientOut.run(stream);
        b.weightsForData.run(stream);
        b.dataGradient.run(stream);
        b.inputGradientOut.run(stream);
    }

    /** Runs a {@link Relayout}'s conversion, which is null where the two layouts agree and there is nothing to copy. */
    private void refresh(OneDnn.Call conversion) {
        if (conversion != null) {
            conversion.run(stream);
        }
    }

    /** Frees oneDNN's objects; the plan is unusable afterwards. */
    void release() {
        calls.forEach(OneDnn.Call::release);
        memories.forEach(dnnl::dnnl_memory_destroy);
        descriptors.forEach(dnnl::dnnl_primitive_desc_destroy);
        dnnl.dnnl_stream_destroy(stream);
        buffers.forEach(Pointer::close);
        calls.clear();
        memories.clear();
        descriptors.clear();
        buffers.clear();
    }
}
