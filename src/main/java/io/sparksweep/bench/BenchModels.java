package io.sparksweep.bench;

import io.sparksweep.model.layers.EluActivationLayer;
import io.sparksweep.model.layers.InputConvolutionLayer;
import io.sparksweep.model.layers.TwoPassBatchNormalization;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Locale;

/**
 * Reference networks for throughput work, the same as src/bench/pytorch_bench.py builds. The sweep's
 * model families (package model) are the source of truth for training; these stay fixed so that numbers
 * from different days compare.
 */
public final class BenchModels {

    public static final List<String> NAMES = List.of("lenet5", "minivgg");

    private BenchModels() {
    }

    public static MultiLayerConfiguration byName(String name, ModelOptions options) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "lenet5" -> lenet5(options);
            case "minivgg" -> miniVgg(options);
            default -> throw new IllegalArgumentException("unknown bench model " + name + ", known: " + NAMES);
        };
    }

    /** LeNet-5 with BN: conv 6@5x5 Same, BN, ELU, pool; conv 16@5x5, BN, ELU, pool; dense 120, 84; softmax. */
    public static MultiLayerConfiguration lenet5(ModelOptions o) {
        Activation act = o.activation() == null ? Activation.ELU : o.activation();
        CNN2DFormat f = o.format();
        return base(o).list()
                .layer((o.has(ModelOptions.Tweak.INPUT_CONV) ? new InputConvolutionLayer.Builder(5, 5)
                        : new ConvolutionLayer.Builder(5, 5)).nOut(6).convolutionMode(ConvolutionMode.Same)
                        .dataFormat(f).activation(Activation.IDENTITY).build())
                .layer(batchNorm(o, f))
                .layer(activationLayer(o, act))
                .layer(maxPool(f))
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).convolutionMode(ConvolutionMode.Truncate)
                        .dataFormat(f).activation(Activation.IDENTITY).build())
                .layer(batchNorm(o, f))
                .layer(activationLayer(o, act))
                .layer(maxPool(f))
                .layer(new DenseLayer.Builder().nOut(120).activation(act).build())
                .layer(new DenseLayer.Builder().nOut(84).activation(act).build())
                .layer(softmax())
                .setInputType(InputType.convolutional(28, 28, 1, f))
                .build();
    }

    /** Mini-VGG: 3x3 Same convs 32, 32, pool, 64, 64, pool (ReLU); dense 512, dropout 0.5; softmax. */
    public static MultiLayerConfiguration miniVgg(ModelOptions o) {
        Activation act = o.activation() == null ? Activation.RELU : o.activation();
        CNN2DFormat f = o.format();
        return base(o).list()
                .layer(conv3x3(32, act, f))
                .layer(conv3x3(32, act, f))
                .layer(maxPool(f))
                .layer(conv3x3(64, act, f))
                .layer(conv3x3(64, act, f))
                .layer(maxPool(f))
                // DL4J's dropOut(x) is the probability of KEEPING a unit: 0.5 either way here.
                .layer(new DenseLayer.Builder().nOut(512).activation(act).dropOut(0.5).build())
                .layer(softmax())
                .setInputType(InputType.convolutional(28, 28, 1, f))
                .build();
    }

    private static NeuralNetConfiguration.Builder base(ModelOptions o) {
        return new NeuralNetConfiguration.Builder()
                .seed(o.seed())
                .dataType(o.dataType())
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .trainingWorkspaceMode(o.workspaceMode())
                .inferenceWorkspaceMode(o.workspaceMode())
                .cacheMode(o.cacheMode());
    }

    private static ConvolutionLayer conv3x3(int filters, Activation act, CNN2DFormat format) {
        return new ConvolutionLayer.Builder(3, 3).nOut(filters).convolutionMode(ConvolutionMode.Same)
                .dataFormat(format).activation(act).build();
    }

    private static SubsamplingLayer maxPool(CNN2DFormat format) {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                .dataFormat(format).build();
    }

    private static BatchNormalization batchNorm(ModelOptions o, CNN2DFormat f) {
        BatchNormalization bn = new BatchNormalization.Builder().dataFormat(f).build();
        return o.has(ModelOptions.Tweak.BN_TWO_PASS) ? TwoPassBatchNormalization.of(bn) : bn;
    }

    private static ActivationLayer activationLayer(ModelOptions o, Activation act) {
        ActivationLayer.Builder b = o.has(ModelOptions.Tweak.ELU_LAYER) ? new EluActivationLayer.Builder()
                : new ActivationLayer.Builder();
        return b.activation(act).build();
    }

    private static OutputLayer softmax() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                .activation(Activation.SOFTMAX).build();
    }
}
