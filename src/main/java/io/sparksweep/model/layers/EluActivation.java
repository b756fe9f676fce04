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
 * Runtime layer of {@link EluActivationLayer}. A training forward pass keeps a heap copy of its output; backprop uses
 * it when it belongs to the current input: for ELU with alpha 1, {@code f'(x) = 1} for {@code x > 0} and
 * {@code exp(x) = f(x) + 1} otherwise, so {@code f'(x) = min(f(x) + 1, 1)}, in one fused Java loop.
 */
public final class EluActivation extends ActivationLayer {

    private float[] output;
    private INDArray outputOf;
    private float[] gradients;
    /** Backward passes that used the forward output (for tests). */
    long fastBackprops;

    EluActivation(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean fastPath() {
        return layerConf().getActivationFn() instanceof ActivationELU elu && elu.getAlpha() == 1.0
                && layerConf().getIDropout() == null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        INDArray out = super.activate(training, mgr);
        outputOf = null;
        if (training && fastPath() && HostArrays.supported(out)) {
            // A copy: the next layer might modify its input in place.
            output = HostArrays.read(out, output);
            outputOf = input;
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
        gradients = HostArrays.read(epsilon, gradients);
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] *= Math.min(output[i] + 1f, 1f);
        }
        INDArray delta = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, epsilon.shape(),
                'c');
        HostArrays.write(gradients, delta);
        fastBackprops++;
        return new Pair<>(new DefaultGradient(), delta);
    }

    @Override
    public void clear() {
        super.clear();
        outputOf = null;
    }
}
