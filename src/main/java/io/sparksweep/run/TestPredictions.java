package io.sparksweep.run;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A finished run's answer for every item of its test set, in the test set's order (item i is the i-th picture of the
 * prepared test split, the same for every run of a sweep): the true class, the predicted class (the highest
 * probability; the first one on ties), the probability the network gave the true class, and the one it gave the
 * predicted class. What paired per-item comparisons and error analysis need; the {@code predictions} table.
 */
public record TestPredictions(int[] labels, int[] predicted, float[] labelProbability,
                              float[] predictedProbability) implements Serializable {

    public TestPredictions {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(labelProbability, "labelProbability");
        Objects.requireNonNull(predictedProbability, "predictedProbability");
        int n = labels.length;
        if (predicted.length != n || labelProbability.length != n || predictedProbability.length != n) {
            throw new IllegalArgumentException("predictions of " + n + " items have " + predicted.length + " predicted "
                    + "classes, " + labelProbability.length + " and " + predictedProbability.length + " probabilities");
        }
    }

    public int items() {
        return labels.length;
    }

    public boolean correct(int item) {
        return labels[item] == predicted[item];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TestPredictions p && Arrays.equals(labels, p.labels)
                && Arrays.equals(predicted, p.predicted) && Arrays.equals(labelProbability, p.labelProbability)
                && Arrays.equals(predictedProbability, p.predictedProbability);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(labels), Arrays.hashCode(predicted), Arrays.hashCode(labelProbability),
                Arrays.hashCode(predictedProbability));
    }

    @Override
    public String toString() {
        long right = java.util.stream.IntStream.range(0, items()).filter(this::correct).count();
        return "TestPredictions[" + items() + " items, " + right + " right]";
    }
}
