package io.sparksweep.report;

import java.util.List;

/** Accuracy against the values of one hyperparameter, in ascending order of value. */
public record HyperparameterEffect(String name, List<EffectPoint> points) {

    /** Numbers go on a numeric axis; booleans and strings are categories. */
    public boolean numeric() {
        return points.stream().allMatch(point -> point.value() instanceof Number);
    }

    /** A hyperparameter the sweep never varied; a chart of it would be a single dot. */
    public boolean constant() {
        return points.size() <= 1;
    }
}
