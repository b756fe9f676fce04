package io.sparksweep.model.layers;

import java.lang.reflect.Field;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.api.Layer.TrainingMode;
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
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime layer of {@link TwoPassBatchNormalization}: DL4J's batch-norm layer with its oneDNN helper replaced by
 * {@link Helper} (when DL4J chose the oneDNN helper; otherwise, e.g. helpers off, DL4J's layer unchanged). DL4J's
 * layer keeps inference and the layouts the kernel does not take. Where the kernel runs, this layer also computes the
 * running statistics' gradients in Java: DL4J's layer spends about a dozen ND4J operations per step on those
 * channel-length vectors (and on a running variance a training pass never reads), each with its own native buffers
 * and deallocation records, which the garbage collector then copies.
 */
public final class TwoPassBatchNorm extends BatchNormalization implements HeapHandoff.Party {

    /** Backward passes whose running-statistics gradients this layer computed (for tests). */
    long javaRunningStatistics;
    /** The running statistics as read from the parameters, then overwritten with their gradients. */
    private float[] runningMeans;
    private float[] runningVariances;

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

    @Override
    public INDArray preOutput(INDArray x, TrainingMode training, LayerWorkspaceMgr workspaceMgr) {
        if (training == TrainingMode.TRAIN && getHelper() instanceof Helper helper && !layerConf().isLockGammaBeta()
                && x.rank() == 4 && x.dataType() == dataType && x.size(1) == layerConf().getNOut()) {
            INDArray out = helper.trainingForward(x, getParam(BatchNormalizationParamInitializer.GAMMA),
                    getParam(BatchNormalizationParamInitializer.BETA), layerConf().getEps(),
                    layerConf().getCnn2DFormat(), workspaceMgr);
            if (out != null) {
                return out;
            }
        }
        return super.preOutput(x, training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (getHelper() instanceof Helper helper && helper.kernelForward && !layerConf().isLockGammaBeta()
                && epsilon.rank() == 4 && input != null && input.dataType() == dataType) {
            Pair<Gradient, INDArray> ret = helper.backpropGradient(input, epsilon, getShape(epsilon),
                    getParam(BatchNormalizationParamInitializer.GAMMA), getParam(BatchNormalizationParamInitializer.BETA),
                    gradientViews.get(BatchNormalizationParamInitializer.GAMMA),
                    gradientViews.get(BatchNormalizationParamInitializer.BETA), layerConf().getEps(),
                    layerConf().getCnn2DFormat(), workspaceMgr);
            if (ret != null) {
                runningStatisticGradients(helper, ret.getFirst());
                javaRunningStatistics++;
                return ret;
            }
        }
        return super.backpropGradient(epsilon, workspaceMgr);
    }

    /**
     * DL4J's "distributed-safe" running-statistics update as gradients, with this step's batch statistics:
     * {@code (1 - decay) * (globalMean - batchMean)}, and for the variance either {@code (1 - decay) * (globalVar -
     * batchVar)} or, with the log10(std) parameterisation, {@code log(var / var') / (2 ln 10)} where {@code var' =
     * decay * var + (1 - decay) * batchVar}. Float arithmetic like DL4J's ND4J operations, so equal up to rounding.
     */
    private void runningStatisticGradients(Helper helper, Gradient gradient) {
        double decay = layerConf().getDecay();
        float keep = (float) decay;
        float blend = (float) (1 - decay);
        INDArray globalMean = getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        INDArray dGlobalMean = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        boolean logStd = layerConf().isUseLogStd();
        String varianceKey = logStd ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                : BatchNormalizationParamInitializer.GLOBAL_VAR;
        INDArray globalVariance = getParam(varianceKey);
        INDArray dGlobalVariance = gradientViews.get(varianceKey);
        float[] means = HostArrays.read(globalMean, runningMeans);
        float[] variances = HostArrays.read(globalVariance, runningVariances);
        runningMeans = means;
        runningVariances = variances;
        for (int ch = 0; ch < helper.mean.length; ch++) {
            float batchMean = (float) helper.mean[ch];
            float batchVar = (float) helper.var[ch];
            means[ch] = (means[ch] - batchMean) * blend;
            float stored = variances[ch];
            if (logStd) {
                float std = (float) Math.pow(10.0, stored);
                float variance = std * std;
                float next = variance * keep + batchVar * blend;
                variances[ch] = (float) Math.log(variance / next) * (float) ONE_ON_2LOGE_10;
            } else {
                variances[ch] = (stored - batchVar) * blend;
            }
        }
        HostArrays.write(means, dGlobalMean);
        HostArrays.write(variances, dGlobalVariance);
        gradient.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_MEAN, dGlobalMean);
        gradient.setGradientFor(varianceKey, dGlobalVariance);
    }

    @Override
    public void useHandoff(HeapHandoff handoff) {
        if (getHelper() instanceof Helper helper) {
            helper.handoff = handoff;
            helper.layerIndex = getIndex();
        }
    }

    /**
     * DL4J's oneDNN batch-norm helper whose training passes (NCHW or dense input, FLOAT, learned gamma and beta) run
     * {@link BatchNormKernel} on heap copies: the batch statistics and the normalisation in one forward call, the
     * whole backward in two fused passes. Inference, other layouts and other types use DL4J's helper unchanged.
     */
    static final class Helper extends MKLDNNBatchNormHelper {

        private INDArray meanCache;
        private INDArray varCache;
        /** Whether the last training forward pass ran the kernel (so backward must too, with these statistics). */
        private boolean kernelForward;
        private double[] mean = new double[0];
        private double[] var = new double[0];
        /**
         * The last training forward pass's input and its values, which backward reuses for that input: the previous
         * layer's heap copy when it handed one over, else {@code inputCopy}.
         */
        private INDArray forwardInput;
        private float[] inputValues;
        private float[] inputCopy;
        /** The forward output, then backward's gradients. */
        private float[] values;
        private float[] gammaValues;
        private float[] betaValues;
        /** Backward passes that ran the kernel (for tests). */
        long kernelBackprops;
        private HeapHandoff handoff;
        private int layerIndex;

        Helper(DataType dataType) {
            super(dataType);
        }

        /** DL4J hands dense activations to the helper as [n, c, 1, 1], so rank 4 NCHW covers them too. */
        private static boolean kernelApplies(INDArray x, INDArray gamma, INDArray beta, CNN2DFormat format) {
            return HostArrays.supported(x) && gamma != null && beta != null && x.rank() == 4
                    && format == CNN2DFormat.NCHW;
        }

        @Override
        public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                                  INDArray globalMean, INDArray globalVar, double decay, double eps,
                                  CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
            INDArray out = training ? trainingForward(x, gamma, beta, eps, format, workspaceMgr) : null;
            if (out != null) {
                return out;
            }
            out = super.preOutput(x, training, shape, gamma, beta, globalMean, globalVar, decay, eps, format,
                    workspaceMgr);
            if (training) {
                meanCache = super.getMeanCache(x.dataType());
                varCache = super.getVarCache(x.dataType());
            }
            return out;
        }

        /**
         * The kernel's training pass with the batch's own statistics, or null (and the next backward pass goes to
         * DL4J) when the kernel does not take these arrays.
         */
        INDArray trainingForward(INDArray x, INDArray gamma, INDArray beta, double eps, CNN2DFormat format,
                                 LayerWorkspaceMgr workspaceMgr) {
            kernelForward = kernelApplies(x, gamma, beta, format);
            forwardInput = null;
            if (!kernelForward) {
                return null;
            }
            int n = (int) x.size(0);
            int c = (int) x.size(1);
            int hw = (int) (x.length() / ((long) n * c));
            if (mean.length != c) {
                mean = new double[c];
                var = new double[c];
                try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    meanCache = Nd4j.createUninitialized(DataType.FLOAT, c);
                    varCache = Nd4j.createUninitialized(DataType.FLOAT, c);
                }
            }
            inputCopy = HostArrays.sized(inputCopy, x.length());
            inputValues = HeapHandoff.takeOrRead(handoff, x, layerIndex, true, inputCopy);
            forwardInput = x;
            if (values == null || values.length != inputValues.length) {
                values = new float[inputValues.length];
            }
            BatchNormKernel.statistics(inputValues, n, c, hw, mean, var);
            gammaValues = HostArrays.read(gamma, gammaValues);
            betaValues = HostArrays.read(beta, betaValues);
            BatchNormKernel.normalise(inputValues, n, c, hw, mean, var, gammaValues, betaValues, eps, values);
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
            HostArrays.write(values, out);
            HeapHandoff.offer(handoff, out, values, layerIndex, true);
            HostArrays.write(toFloats(mean), meanCache);
            HostArrays.write(toFloats(var), varCache);
            return out;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape,
                                                         INDArray gamma, INDArray beta, INDArray dGammaView,
                                                         INDArray dBetaView, double eps, CNN2DFormat format,
                                                         LayerWorkspaceMgr workspaceMgr) {
            if (!kernelForward) {
                return super.backpropGradient(input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format,
                        workspaceMgr);
            }
            if (!kernelApplies(input, gamma, beta, format) || input.size(1) != mean.length || dGammaView == null
                    || !input.equalShapes(epsilon) || !HostArrays.supported(epsilon)) {
                return null; // DL4J's built-in backward, with this helper's batch statistics
            }
            int n = (int) input.size(0);
            int c = mean.length;
            int hw = (int) (input.length() / ((long) n * c));
            if (input != forwardInput) {
                inputCopy = HostArrays.read(input, inputCopy);
                inputValues = inputCopy;
            }
            values = HostArrays.sized(values, epsilon.length());
            float[] dy = HeapHandoff.takeOrRead(handoff, epsilon, layerIndex, false, values);
            float[] dGamma = new float[c];
            float[] dBeta = new float[c];
            // dx may overwrite dy element by element: each dx[i] needs only dy[i], x[i] and per-channel sums.
            gammaValues = HostArrays.read(gamma, gammaValues);
            BatchNormKernel.backward(inputValues, dy, n, c, hw, mean, var, gammaValues, eps, values, dGamma, dBeta);
            INDArray epsAtInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                    input.shape(), 'c');
            HostArrays.write(values, epsAtInput);
            HeapHandoff.offer(handoff, epsAtInput, values, layerIndex, false);
            HostArrays.write(dGamma, dGammaView);
            HostArrays.write(dBeta, dBetaView);
            Gradient g = new DefaultGradient();
            g.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
            g.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
            kernelBackprops++;
            return new Pair<>(g, epsAtInput);
        }

        private static float[] toFloats(double[] values) {
            float[] out = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = (float) values[i];
            }
            return out;
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
