package io.sparksweep.model.layers;

import java.util.function.Predicate;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain ReLU whose gradient is the incoming gradient times a 0/1 step of the input: two vectorised libnd4j loops,
 * written over the input as DL4J's own activations (tanh, sigmoid) do. DL4J's ReLU runs libnd4j's {@code relu_bp},
 * which calls a function object per element into a fresh array, about four times slower; on mini-VGG, whose four
 * conv layers pass the large activations, it was an eighth of a training step. The forward pass is DL4J's.
 *
 * <p>Same numbers as DL4J's ReLU except the sign of a zero gradient, and a NaN incoming gradient at an inactive
 * unit stays NaN (it is 0 in DL4J's), which only a diverging run meets. Put in by {@link FusedLayers#swapIn}; a saved
 * model names DL4J's {@link ActivationReLU} ({@link Dl4jEquivalents}).
 */
public final class MaskedReluActivation extends ActivationReLU {

    /** Backward passes that took the step mask (for tests; transient: not part of a network's JSON). */
    transient long maskedBackprops;

    /** Puts this activation in place of {@code layer}'s, if that is DL4J's ReLU without cap, threshold or slope. */
    static void swapIn(Layer layer) {
        replace(layer, a -> a != null && a.getClass() == ActivationReLU.class && plain((ActivationReLU) a),
                new MaskedReluActivation());
    }

    /** Puts DL4J's ReLU back in place of this activation in {@code layer}. */
    static void swapOut(Layer layer) {
        replace(layer, a -> a instanceof MaskedReluActivation, new ActivationReLU());
    }

    private static void replace(Layer layer, Predicate<IActivation> which, IActivation by) {
        if (layer instanceof BaseLayer base && which.test(base.getActivationFn())) {
            base.setActivationFn(by);
        } else if (layer instanceof ActivationLayer act && which.test(act.getActivationFn())) {
            act.setActivationFn(by);
        }
    }

    /** DL4J's ReLU without cap, threshold or slope. */
    static boolean plain(ActivationReLU relu) {
        return relu.getMax() == null && relu.getThreshold() == null && relu.getNegativeSlope() == null;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        if (!plain(this) || !in.equalShapes(epsilon) || in.dataType() != epsilon.dataType()) {
            return super.backprop(in, epsilon);
        }
        Nd4j.getExecutioner().exec(new Step(in, in, 0.0));
        maskedBackprops++;
        return new Pair<>(in.muli(epsilon), null);
    }
}
