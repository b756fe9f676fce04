package io.sparksweep.model.layers;

import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link SubsamplingLayer} whose training passes for max pooling without padding (NCHW, FLOAT) run in Java
 * ({@link MaxPoolKernel}): the forward pass remembers where each window's maximum was, so the backward pass is a
 * scatter instead of libnd4j's {@code maxpool2d_bp}, which runs oneDNN's forward pass again before its backward
 * (LeNet-5: 2.7 of 21.8 ms per step, results/bench/perf-notes.md). The maxima are exact, so the
 * numbers are DL4J's; inference and every other pooling setting use DL4J's layer.
 */
public class IndexedMaxPoolingLayer extends SubsamplingLayer {

    /** For JSON deserialisation. */
    protected IndexedMaxPoolingLayer() {
    }

    protected IndexedMaxPoolingLayer(Builder builder) {
        super(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        return RuntimeLayers.wire(new IndexedMaxPooling(conf, networkDataType), this, conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public IndexedMaxPoolingLayer clone() {
        return (IndexedMaxPoolingLayer) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 4;
    }

    /** Same options as {@link SubsamplingLayer.Builder}. */
    public static class Builder extends SubsamplingLayer.Builder {

        public Builder(PoolingType poolingType) {
            super(poolingType);
        }

        @Override
        @SuppressWarnings("unchecked")
        public IndexedMaxPoolingLayer build() {
            super.build(); // DL4J's validation of kernel, stride and padding
            return new IndexedMaxPoolingLayer(this);
        }
    }
}
