package io.sparksweep.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Runtime layer of {@link FusedOutputLayer}: a softmax output with multi-class cross-entropy. Its backward pass runs
 * DL4J's GEMM, then the bias, the softmax, the gradient {@code p - y} and the bias gradient in Java, and keeps the
 * probabilities, from which the score of the same step follows; DL4J's layer computes the forward pass twice per step
 * (once for the gradient, once for the score), each time with a bias broadcast, a softmax and the loss's own copies.
 * The GEMMs for the weight gradient and the gradient at the input are DL4J's calls. Inference, weighted losses,
 * masks and weight noise take DL4J's code.
 */
public final class FusedOutput extends OutputLayer {

    private float[] probabilities;
    private float[] labelValues;
    private float[] bias;
    private float[] delta;
    private INDArray probabilitiesOf;
    private INDArray labelsOf;
    /** Backward passes that ran the Java loop, and scores taken from their probabilities (for tests). */
    long kernelBackprops;
    long kernelScores;

    FusedOutput(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean kernelApplies() {
        return layerConf().getLossFn() instanceof LossMCXENT loss && loss.getWeights() == null
                && layerConf().getActivationFn() instanceof ActivationSoftmax && dataType == DataType.FLOAT
                && hasBias() && !hasLayerNorm() && layerConf().getWeightNoise() == null && maskArray == null
                && input != null && input.rank() == 2 && HostArrays.supported(input)
                && labels != null && labels.rank() == 2 && HostArrays.supported(labels);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        probabilitiesOf = null;
        if (!kernelApplies()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        applyDropOutIfNecessary(true, workspaceMgr);
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        int classes = (int) weights.size(1);
        if (input.columns() != weights.rows() || labels.size(1) != classes || labels.size(0) != input.size(0)) {
            return super.backpropGradient(epsilon, workspaceMgr); // DL4J's own error message
        }
        INDArray z = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                new long[] {input.size(0), classes}, 'c');
        input.mmuli(weights, z);
        probabilities = HostArrays.read(z, probabilities);
        bias = HostArrays.read(getParam(DefaultParamInitializer.BIAS_KEY), bias);
        softmax(probabilities, bias);
        labelValues = HostArrays.read(labels, labelValues);
        delta = HostArrays.sized(delta, probabilities.length);
        for (int i = 0; i < delta.length; i++) {
            delta[i] = probabilities[i] - labelValues[i];
        }
        INDArray deltaArray = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {input.size(0), classes}, 'c');
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        INDArray epsilonNext = FusedDense.affineBackward(input, weights, delta, deltaArray, weightGradient,
                biasGradient, workspaceMgr);
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        probabilitiesOf = input;
        labelsOf = labels;
        kernelBackprops++;
        return new Pair<>(gradient, backpropDropOutIfPresent(epsilonNext));
    }

    /**
     * The score of the step whose backward pass just ran, from its probabilities: {@code -sum(y log p)} with p clipped
     * to the loss's {@code softmaxClipEps} like DL4J's loss, per example when DL4J divides by the minibatch, plus the
     * network's regularisation term. Any other call is DL4J's.
     */
    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        boolean sameStep = training && probabilitiesOf != null && probabilitiesOf == input && labelsOf == labels;
        probabilitiesOf = null;
        if (!sameStep) {
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        double clip = ((LossMCXENT) layerConf().getLossFn()).getSoftmaxClipEps();
        float low = (float) clip;
        float high = (float) (1.0 - clip);
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            if (labelValues[i] != 0f) {
                float p = clip > 0 ? Math.min(Math.max(probabilities[i], low), high) : probabilities[i];
                sum += labelValues[i] * (float) Math.log(p);
            }
        }
        double score = -sum;
        if (conf().isMiniBatch()) {
            score /= getInputMiniBatchSize();
        }
        score += fullNetRegTerm;
        this.score = score;
        kernelScores++;
        return score;
    }

    /** Each row of {@code values} (one per example) becomes softmax(row + bias). */
    static void softmax(float[] values, float[] bias) {
        int classes = bias.length;
        for (int row = 0; row < values.length; row += classes) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                values[row + j] += bias[j];
                max = Math.max(max, values[row + j]);
            }
            double total = 0;
            for (int j = 0; j < classes; j++) {
                float e = (float) Math.exp(values[row + j] - max);
                values[row + j] = e;
                total += e;
            }
            float inverse = (float) (1.0 / total);
            for (int j = 0; j < classes; j++) {
                values[row + j] *= inverse;
            }
        }
    }

    @Override
    public void clear() {
        super.clear();
        probabilitiesOf = null;
    }
}
