package io.sparksweep.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runtime layer of {@link EluActivationLayer}. For ELU with alpha 1 a forward pass runs {@link EluKernel} on a heap
 * copy of its input (inference too: validation and test scoring spent a sixth of their time in libnd4j's scalar
 * {@code exp}); a training pass keeps the result, and backprop takes the derivative from it when it belongs to the
 * current input. Other activations and backprop without a matching training pass are DL4J's.
 */
public final class EluActivation extends ActivationLayer implements HeapHandoff.Party {

    private float[] output;
    private INDArray outputOf;
    private float[] gradients;
    private HeapHandoff handoff;
    /** Backward passes that used the forward output (for tests). */
    long fastBackprops;
    /** Inference passes that ran the kernel (for tests). */
    long kernelInferences;

    EluActivation(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean fastPath() {
        return layerConf().getActivationFn() instanceof ActivationELU elu && elu.getAlpha() == 1.0
                && layerConf().getIDropout() == null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        outputOf = null;
        if (!fastPath() || input == null || !HostArrays.supported(input)) {
            return super.activate(training, mgr);
        }
        output = HostArrays.sized(output, input.length());
        float[] in = HeapHandoff.takeOrRead(handoff, input, getIndex(), true, output);
        EluKernel.forward(in, output);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, input.shape(), 'c');
        HostArrays.write(output, out);
        HeapHandoff.offer(handoff, out, output, getIndex(), true);
        if (training) {
            outputOf = input;
        } else {
            kernelInferences++;
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (outputOf == null || outputOf != input || !epsilon.equalShapes(input) || epsilon.length() != output.length
                || !HostArrays.supported(epsilon)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        gradients = HostArrays.sized(gradients, epsilon.length());
        float[] dy = HeapHandoff.takeOrRead(handoff, epsilon, getIndex(), false, gradients);
        EluKernel.backward(output, dy, gradients);
        INDArray delta = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, epsilon.shape(),
                'c');
        HostArrays.write(gradients, delta);
        HeapHandoff.offer(handoff, delta, gradients, getIndex(), false);
        fastBackprops++;
        return new Pair<>(new DefaultGradient(), delta);
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
