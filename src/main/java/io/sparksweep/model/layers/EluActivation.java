package io.sparksweep.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime layer of {@link EluActivationLayer}. A training forward pass keeps a copy of its output (in the activations
 * workspace, which MultiLayerNetwork keeps open until backprop is done); backprop uses it when it belongs to the
 * current input and is still valid: for ELU with alpha 1, {@code f'(x) = 1} for {@code x > 0} and
 * {@code exp(x) = f(x) + 1} otherwise, so {@code f'(x) = min(f(x) + 1, 1)}.
 */
public final class EluActivation extends ActivationLayer {

    private INDArray output;
    private INDArray outputOf;
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
        output = null;
        outputOf = null;
        if (training && fastPath()) {
            // A copy: the next layer might modify its input in place.
            output = mgr.dup(ArrayType.ACTIVATIONS, out);
            outputOf = input;
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (output == null || outputOf != input || !valid(output) || !output.equalShapes(epsilon)
                || epsilon.dataType() != output.dataType()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray delta = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, output.dataType(), output.shape(),
                output.ordering());
        Nd4j.exec(new ScalarAdd(output, null, delta, 1.0));
        Nd4j.exec(new ScalarMin(delta, null, delta, 1.0));
        delta.muli(epsilon);
        fastBackprops++;
        return new Pair<>(new DefaultGradient(), delta);
    }

    /** The array's workspace (if any) is open and has not been reset since the array was allocated. */
    private static boolean valid(INDArray array) {
        DataBuffer buffer = array.data();
        if (!buffer.isAttached()) {
            return !array.wasClosed();
        }
        MemoryWorkspace ws = buffer.getParentWorkspace();
        return ws != null && ws.isScopeActive() && ws.getGenerationId() == buffer.getGenerationId();
    }

    @Override
    public void clear() {
        super.clear();
        output = null;
        outputOf = null;
    }
}
