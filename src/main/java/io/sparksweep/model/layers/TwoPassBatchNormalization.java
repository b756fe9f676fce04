package io.sparksweep.model.layers;

import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link BatchNormalization} whose training passes run in fused Java loops ({@link BatchNormKernel}): the
 * batch statistics in two passes (DL4J's {@code Variance} reduction over (N, H, W) is slow in libnd4j) and the
 * backward in two passes where libnd4j's {@code batchnorm_bp} adds ~10 generic element-wise ops to oneDNN's
 * (results/bench/perf-notes.md). Inference and the running statistics are DL4J's.
 */
public class TwoPassBatchNormalization extends BatchNormalization {

    /** For JSON deserialisation; build instances with {@link #of(BatchNormalization)}. */
    public TwoPassBatchNormalization() {
    }

    /** The same configuration as {@code dl4j} (copied through its JSON form: DL4J's constructor is private). */
    public static TwoPassBatchNormalization of(BatchNormalization dl4j) {
        return Dl4jEquivalents.sameSettings(dl4j, TwoPassBatchNormalization.class);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        LayerValidation.assertNOutSet("TwoPassBatchNormalization", getLayerName(), layerIndex, getNOut());
        return RuntimeLayers.wire(new TwoPassBatchNorm(conf, networkDataType), this, conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public TwoPassBatchNormalization clone() {
        return (TwoPassBatchNormalization) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 3;
    }
}
