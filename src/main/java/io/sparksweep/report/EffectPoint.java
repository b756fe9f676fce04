package io.sparksweep.report;

/** Test accuracy of all successful runs that share one value of a hyperparameter. Spread is NaN for one run. */
public record EffectPoint(Object value, double accuracyMean, double accuracyStd, long runs) {
}
