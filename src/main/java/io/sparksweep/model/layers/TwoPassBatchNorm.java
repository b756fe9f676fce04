package io.sparksweep.model.layers;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime layer of {@link TwoPassBatchNormalization}: DL4J's batch-norm layer with its oneDNN helper replaced by
 * {@link Helper} (when DL4J chose the oneDNN helper; otherwise, e.g. helpers off, DL4J's layer unchanged).
 */
public final class TwoPassBatchNorm extends BatchNormalization {

    TwoPassBatchNorm(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        try {
            // DL4J keeps the helper in a package-private field and offers no way to supply one.
            Field field = BatchNormalization.class.getDeclaredField("helper");
            field.setAccessible(true);
            if (field.get(this) instanceof MKLDNNBatchNormHelper) {
                field.set(this, new Helper(dataType));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DL4J's BatchNormalization layer changed: no helper field", e);
        }
    }

    /**
     * DL4J's oneDNN batch-norm helper with the batch variance computed in two passes in the training forward pass;
     * the normalisation itself and the backward pass run the same {@code batchnorm}/{@code batchnorm_bp} ops with the
     * same arguments as DL4J's helper.
     */
    static final class Helper extends MKLDNNBatchNormHelper {

        private INDArray meanCache;
        private INDArray varCache;

        Helper(DataType dataType) {
            super(dataType);
        }

        @Override
        public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                                  INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
                                  LayerWorkspaceMgr workspaceMgr) {
            if (!training || x.dataType() != DataType.FLOAT) {
                return super.preOutput(x, training, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
            }
            int axis = (x.rank() != 4 || format == CNN2DFormat.NCHW) ? 1 : 3;
            int[] dims = x.rank() == 2 ? new int[] {0} : axis == 1 ? new int[] {0, 2, 3} : new int[] {0, 1, 2};
            if (meanCache == null || meanCache.length() != x.size(axis)) {
                try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    meanCache = Nd4j.createUninitialized(x.dataType(), x.size(axis));
                    varCache = Nd4j.createUninitialized(x.dataType(), x.size(axis));
                }
            }
            x.mean(meanCache, dims);
            INDArray centred = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, x.dataType(), x.shape(),
                    x.ordering());
            Nd4j.exec(new BroadcastSubOp(x, meanCache, centred, axis));
            centred.muli(centred).mean(varCache, dims);
            // The batch statistics as the "global" ones: DL4J's helper runs exactly this op with them in training.
            return super.preOutput(x, false, shape, gamma, beta, meanCache, varCache, decay, eps, format,
                    workspaceMgr);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape,
                                                         INDArray gamma, INDArray beta, INDArray dGammaView,
                                                         INDArray dBetaView, double eps, CNN2DFormat format,
                                                         LayerWorkspaceMgr workspaceMgr) {
            if (input.dataType() != DataType.FLOAT || meanCache == null) {
                return null; // DL4J's built-in path, as with its own helper
            }
            if (!Shape.hasDefaultStridesForShape(epsilon)) {
                epsilon = epsilon.dup('c'); // as DL4J's helper (DL4J issue 8860)
            }
            int axis = (input.rank() != 4 || format == CNN2DFormat.NCHW) ? 1 : 3;
            List<INDArray> inputs = new ArrayList<>(List.of(input, meanCache, varCache));
            if (gamma != null) {
                inputs.add(gamma.reshape(gamma.length()));
            }
            if (beta != null) {
                inputs.add(beta.reshape(beta.length()));
            }
            inputs.add(epsilon);
            DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("batchnorm_bp")
                    .addInputs(inputs.toArray(new INDArray[0]));
            op.addIntegerArguments(gamma == null ? 0 : 1, beta == null ? 0 : 1, axis);
            op.addFloatingPointArguments(eps);
            INDArray epsAtInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                    input.shape());
            INDArray dLdm = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, meanCache.dataType(),
                    meanCache.shape());
            INDArray dLdv = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, meanCache.dataType(),
                    meanCache.shape());
            op.addOutputs(dGammaView == null ? new INDArray[] {epsAtInput, dLdm, dLdv}
                    : new INDArray[] {epsAtInput, dLdm, dLdv, dGammaView.reshape(dGammaView.length()),
                            dBetaView.reshape(dBetaView.length())});
            Nd4j.exec(op.build());
            Gradient g = new DefaultGradient();
            g.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
            g.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
            return new Pair<>(g, epsAtInput);
        }

        @Override
        public INDArray getMeanCache(DataType dataType) {
            return meanCache;
        }

        @Override
        public INDArray getVarCache(DataType dataType) {
            return varCache;
        }
    }
}
