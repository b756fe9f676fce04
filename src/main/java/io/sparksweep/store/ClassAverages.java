package io.sparksweep.store;

import io.sparksweep.run.ClassMetrics;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Precision, recall and F1 of one run averaged over its classes. Macro gives every class the same weight
 * (macro F1 is the mean of the per-class F1s, as in scikit-learn); weighted weighs each class by its
 * support. NaN when there are no classes (or no support).
 */
public record ClassAverages(double precision, double recall, double f1) {

    public static ClassAverages macro(List<ClassMetrics> classes) {
        return new ClassAverages(mean(classes, ClassMetrics::precision, c -> 1),
                mean(classes, ClassMetrics::recall, c -> 1), mean(classes, ClassMetrics::f1, c -> 1));
    }

    public static ClassAverages weighted(List<ClassMetrics> classes) {
        ToDoubleFunction<ClassMetrics> support = c -> c.support();
        return new ClassAverages(mean(classes, ClassMetrics::precision, support),
                mean(classes, ClassMetrics::recall, support), mean(classes, ClassMetrics::f1, support));
    }

    private static double mean(List<ClassMetrics> classes, ToDoubleFunction<ClassMetrics> value,
                               ToDoubleFunction<ClassMetrics> weight) {
        double sum = 0;
        double weights = 0;
        for (ClassMetrics c : classes) {
            sum += weight.applyAsDouble(c) * value.applyAsDouble(c);
            weights += weight.applyAsDouble(c);
        }
        return weights > 0 ? sum / weights : Double.NaN;
    }
}
