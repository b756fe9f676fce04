package io.sparksweep.model;

import io.sparksweep.model.layers.Dl4jEquivalents;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Size and inference cost of a network, computed analytically from its configuration (no network is built),
 * per layer and in total. Supported layers: ConvolutionLayer (2D), SubsamplingLayer (2D), BatchNormalization,
 * DenseLayer, OutputLayer, DropoutLayer and ActivationLayer; any other layer type is an error naming the layer.
 *
 * <p>Conventions, for one input example at inference:
 * <ul>
 *   <li>conv MACs = Hout * Wout * Cout * (kH * kW * Cin); dense/output MACs = nIn * nOut; other layers 0 MACs.
 *   <li>FLOPs = 2 * MACs for conv and dense/output layers (bias additions are not counted separately), plus
 *       2 FLOPs per element for batch norm (scale and shift), 1 FLOP per output element for any non-identity
 *       activation (including softmax, and a layer's own activation such as a conv's ReLU; not batch norm's or
 *       a dropout layer's, which DL4J ignores), and
 *       (kH * kW - 1) FLOPs per output element for pooling. Dropout costs nothing at inference.
 *   <li>parameters = what {@code new MultiLayerNetwork(conf).init(); numParams()} reports: conv
 *       kH*kW*Cin*Cout + Cout (bias), dense nIn*nOut + nOut, batch norm 4 per channel (gamma, beta, running
 *       mean, running variance; 2 with locked gamma/beta). trainableParameters leaves out the running mean and
 *       variance (and locked gamma/beta).
 *   <li>receptive field r and jump j (along the height axis) per layer, with the input at r = 1, j = 1 and for
 *       each conv/pool layer of kernel k, dilation d and stride s: k' = d(k-1)+1, r_out = r_in + (k'-1) j_in,
 *       j_out = j_in s. Padding (Same mode) does not change them; batch norm, activation and dropout pass them
 *       through. Layers that see a flattened (feed-forward) input report r = 0 and j = 0 ("whole input").
 *   <li>outputShape is "HxWxC" for a feature map, "N" for a vector, per example.
 * </ul>
 *
 * @param parameters          all parameters, as DL4J's numParams()
 * @param trainableParameters parameters updated by the optimizer
 * @param macs                multiply-accumulates per example
 * @param flops               floating-point operations per example, see above
 * @param layers              one entry per layer, in order
 */
public record ModelCost(long parameters, long trainableParameters, long macs, long flops, List<LayerCost> layers) {

    /**
     * @param index          0-based layer index in the configuration
     * @param type           the DL4J layer class' simple name, e.g. ConvolutionLayer
     * @param outputShape    "HxWxC" or "N"
     * @param parameters     the layer's parameters, as DL4J counts them
     * @param macs           multiply-accumulates per example
     * @param flops          floating-point operations per example
     * @param receptiveField side of the input window one output unit sees; 0 once the input is flattened
     * @param jump           input pixels between two adjacent output units; 0 once the input is flattened
     */
    public record LayerCost(int index, String type, String outputShape, long parameters, long macs, long flops,
                            int receptiveField, int jump) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The cost of a configuration whose input type can be read from it, see {@link #inputType}. */
    public static ModelCost of(MultiLayerConfiguration conf) {
        return of(conf, inputType(conf));
    }

    /** The cost of a configuration fed with the given input type. */
    public static ModelCost of(MultiLayerConfiguration conf, InputType input) {
        List<InputType> outputs = conf.getLayerActivationTypes(input);
        List<LayerCost> layers = new ArrayList<>();
        long parameters = 0;
        long trainable = 0;
        long macs = 0;
        long flops = 0;
        int r = input.getType() == InputType.Type.FF ? 0 : 1;
        int j = r;
        InputType in = input;
        for (int i = 0; i < outputs.size(); i++) {
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre != null) {
                in = pre.getOutputType(in);
            }
            InputType out = outputs.get(i);
            Layer layer = conf.getConf(i).getLayer();
            long outElements = elements(out);
            long params;
            long train;
            long layerMacs = 0;
            long extraFlops = activationFlops(layer, outElements);
            if (in.getType() != InputType.Type.CNN) {
                r = 0;
                j = 0;
            }
            // The project's layers compute what the DL4J layers they replace compute, and are reported as those.
            Class<?> type = Dl4jEquivalents.configurationClass(layer);
            if (type == ConvolutionLayer.class) {
                ConvolutionLayer c = (ConvolutionLayer) layer;
                int[] k = c.getKernelSize();
                long weights = (long) k[0] * k[1] * c.getNIn() * c.getNOut();
                params = weights + (c.hasBias() ? c.getNOut() : 0);
                train = params;
                layerMacs = outElements * k[0] * k[1] * c.getNIn();
                r += (c.getDilation()[0] * (k[0] - 1)) * j;
                j *= c.getStride()[0];
            } else if (type == SubsamplingLayer.class) {
                SubsamplingLayer p = (SubsamplingLayer) layer;
                int[] k = p.getKernelSize();
                params = 0;
                train = 0;
                extraFlops += outElements * ((long) k[0] * k[1] - 1);
                r += (p.getDilation()[0] * (k[0] - 1)) * j;
                j *= p.getStride()[0];
            } else if (type == DenseLayer.class || type == OutputLayer.class) {
                FeedForwardLayer d = (FeedForwardLayer) layer;
                boolean bias = layer instanceof DenseLayer dense ? dense.hasBias() : ((OutputLayer) layer).hasBias();
                boolean layerNorm = layer instanceof DenseLayer dense && dense.hasLayerNorm();
                params = d.getNIn() * d.getNOut() + (bias ? d.getNOut() : 0) + (layerNorm ? d.getNOut() : 0);
                train = params;
                layerMacs = d.getNIn() * d.getNOut();
            } else if (type == BatchNormalization.class) {
                BatchNormalization bn = (BatchNormalization) layer;
                long channels = bn.getNOut();
                params = (bn.isLockGammaBeta() ? 2 : 4) * channels;
                train = bn.isLockGammaBeta() ? 0 : 2 * channels;
                extraFlops += 2 * outElements;
            } else if (type == ActivationLayer.class || type == DropoutLayer.class) {
                params = 0;
                train = 0;
            } else {
                throw new IllegalArgumentException("layer " + i + " (" + type.getSimpleName()
                        + (layer.getLayerName() == null ? "" : " '" + layer.getLayerName() + "'")
                        + "): layer type not supported by ModelCost");
            }
            long layerFlops = 2 * layerMacs + extraFlops;
            layers.add(new LayerCost(i, type.getSimpleName(), shape(out), params, layerMacs, layerFlops, r, j));
            parameters += params;
            trainable += train;
            macs += layerMacs;
            flops += layerFlops;
            in = out;
        }
        return new ModelCost(parameters, trainable, macs, flops, List.copyOf(layers));
    }

    /**
     * The input type of a configuration built with {@code setInputType}: a flat image (from the first layer's
     * FeedForwardToCnnPreProcessor) or a vector (first layer dense/output).
     *
     * @throws IllegalArgumentException when the configuration does not tell; use {@link #of(MultiLayerConfiguration,
     *         InputType)}
     */
    public static InputType inputType(MultiLayerConfiguration conf) {
        if (conf.getInputPreProcess(0) instanceof FeedForwardToCnnPreProcessor p) {
            return InputType.convolutionalFlat(p.getInputHeight(), p.getInputWidth(), p.getNumChannels());
        }
        Layer first = conf.getConf(0).getLayer();
        if ((first.getClass() == DenseLayer.class || first.getClass() == OutputLayer.class)
                && conf.getInputPreProcess(0) == null) {
            return InputType.feedForward(((FeedForwardLayer) first).getNIn());
        }
        throw new IllegalArgumentException("conf: cannot infer the input type from layer 0 ("
                + first.getClass().getSimpleName() + "); pass it explicitly");
    }

    /** This cost as a JSON object with the record's field names. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long activationFlops(Layer layer, long outElements) {
        // DL4J's BatchNormalization and DropoutLayer carry an activation setting but do not apply it
        IActivation fn = layer instanceof ConvolutionLayer || layer instanceof DenseLayer
                || layer instanceof OutputLayer ? ((BaseLayer) layer).getActivationFn()
                : layer instanceof ActivationLayer a ? a.getActivationFn() : null;
        return fn == null || fn instanceof ActivationIdentity ? 0 : outElements;
    }

    private static long elements(InputType type) {
        long n = 1;
        for (long d : type.getShape(false)) {
            n *= d;
        }
        return n;
    }

    private static String shape(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            return c.getHeight() + "x" + c.getWidth() + "x" + c.getChannels();
        }
        StringBuilder s = new StringBuilder();
        for (long d : type.getShape(false)) {
            s.append(s.length() == 0 ? "" : "x").append(d);
        }
        return s.toString();
    }
}
