package io.sparksweep.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime layer of {@link FusedDenseLayer}. A training pass runs DL4J's GEMM, then adds the bias and applies the
 * activation in one Java loop on a heap copy, and keeps that output: the backward pass takes the activation's
 * derivative from it (ELU: {@code min(y + 1, 1)}, ReLU: {@code y > 0}, identity: 1) and sums the bias gradient in Java, where
 * DL4J's layer computes the whole forward pass again and spends a broadcast, a reduction and their shape buffers
 * on the bias. The GEMMs for the weight gradient and the gradient at the input are DL4J's own calls. Inference,
 * other activations, layer norm, weight noise and masks take DL4J's code.
 */
public final class FusedDense extends DenseLayer implements HeapHandoff.Party {

    private enum Kind { ELU, RELU, IDENTITY }

    private float[] output;
    private INDArray outputOf;
    private float[] bias;
    private float[] delta;
    private HeapHandoff handoff;
    /** Backward passes that used the output of a training pass that ran the Java loop (for tests). */
    long kernelBackprops;

    FusedDense(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The activation the Java loop computes like DL4J (ELU up to rounding), or null. */
    private Kind kind() {
        IActivation fn = layerConf().getActivationFn();
        if (fn instanceof ActivationELU elu && elu.getAlpha() == 1.0) {
            return Kind.ELU;
        }
        if (fn instanceof ActivationIdentity) {
            return Kind.IDENTITY;
        }
        if (fn instanceof ActivationReLU relu && relu.getMax() == null && relu.getThreshold() == null
                && relu.getNegativeSlope() == null) {
            return Kind.RELU;
        }
        return null;
    }

    private boolean kernelApplies() {
        return kind() != null && dataType == DataType.FLOAT && hasBias() && !hasLayerNorm()
                && layerConf().getWeightNoise() == null
                && maskArray == null && input != null && input.rank() == 2 && HostArrays.supported(input);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        outputOf = null;
        if (!training || !kernelApplies()) {
            return super.activate(training, workspaceMgr);
        }
        applyDropOutIfNecessary(true, workspaceMgr);
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (input.columns() != weights.rows()) {
            return super.activate(true, workspaceMgr); // DL4J's own error message
        }
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {input.size(0), weights.size(1)}, 'c');
        input.mmuli(weights, z);
        output = HostArrays.read(z, output);
        bias = HostArrays.read(getParam(DefaultParamInitializer.BIAS_KEY), bias);
        addBiasAndActivate(output, bias, kind());
        HostArrays.write(output, z);
        HeapHandoff.offer(handoff, z, output, getIndex(), true);
        outputOf = input;
        return z;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (outputOf == null || outputOf != input || epsilon.length() != output.length || epsilon.rank() != 2
                || !HostArrays.supported(epsilon)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        int units = (int) epsilon.size(1);
        delta = HostArrays.sized(delta, epsilon.length());
        float[] dy = HeapHandoff.takeOrRead(handoff, epsilon, getIndex(), false, delta);
        activationBackward(output, dy, delta, kind());
        INDArray deltaArray = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                new long[] {epsilon.size(0), units}, 'c');
        INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray epsilonNext = affineBackward(input, getParam(DefaultParamInitializer.WEIGHT_KEY), delta, deltaArray,
                weightGradient, biasGradient, workspaceMgr);
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        weightNoiseParams.clear();
        kernelBackprops++;
        return new Pair<>(gradient, backpropDropOutIfPresent(epsilonNext));
    }

    /** {@code values} (rows of {@code bias.length} pre-activations) become the activations, bias added. */
    static void addBiasAndActivate(float[] values, float[] bias, Kind kind) {
        int units = bias.length;
        for (int i = 0; i < values.length; i += units) {
            for (int j = 0; j < units; j++) {
                values[i + j] += bias[j];
            }
        }
        if (kind == Kind.ELU) {
            EluKernel.forward(values, values);
        } else if (kind == Kind.RELU) {
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.max(values[i], 0f);
            }
        }
    }

    /** The gradient at the pre-activation from the one at the output and the output itself. */
    static void activationBackward(float[] output, float[] gradient, float[] inputGradient, Kind kind) {
        if (kind == Kind.ELU) {
            EluKernel.backward(output, gradient, inputGradient);
        } else if (kind == Kind.IDENTITY) {
            System.arraycopy(gradient, 0, inputGradient, 0, gradient.length);
        } else {
            for (int i = 0; i < gradient.length; i++) {
                inputGradient[i] = output[i] > 0f ? gradient[i] : 0f;
            }
        }
    }

    /**
     * The backward pass of {@code input x weights + bias} from the gradient at its output, {@code delta} (rows of
     * {@code biasGradient}'s length), like DL4J's layers: {@code delta} copied into {@code deltaArray}, the bias
     * gradient (column sums) and the weight gradient (one GEMM) into their views, and the gradient at the input
     * (another GEMM), which is returned.
     */
    static INDArray affineBackward(INDArray input, INDArray weights, float[] delta, INDArray deltaArray,
                                   INDArray weightGradient, INDArray biasGradient, LayerWorkspaceMgr workspaceMgr) {
        HostArrays.write(delta, deltaArray);
        HostArrays.write(columnSums(delta, (int) biasGradient.length()), biasGradient);
        Nd4j.gemm(input, deltaArray, weightGradient, true, false, 1.0, 0.0);
        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {weights.size(0), deltaArray.size(0)}, 'f');
        return weights.mmuli(deltaArray.transpose(), epsilonNext).transpose();
    }

    /** Sums over the rows, in double like a pairwise float sum is at least as close to. */
    private static float[] columnSums(float[] rows, int units) {
        double[] sums = new double[units];
        for (int i = 0; i < rows.length; i += units) {
            for (int j = 0; j < units; j++) {
                sums[j] += rows[i + j];
            }
        }
        float[] out = new float[units];
        for (int j = 0; j < units; j++) {
            out[j] = (float) sums[j];
        }
        return out;
    }

    @Override
    public void useHandoff(HeapHandoff handoff) {
        this.handoff = handoff;
    }

    @Override
    public void clear() {
        super.clear();
        outputOf = null;
    }
}
