package io.sparksweep.spec;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.stream.Collectors;

/** Every hyperparameter a spec may vary, with its type and the values that make sense. */
public enum Hyperparameter {
    MODEL("model", Kind.CHOICE, v -> true, "", null),
    OPTIMIZER("optimizer", Kind.CHOICE, v -> true, "", null),
    LEARNING_RATE("learningRate", Kind.REAL, v -> v > 0, "must be > 0", 1e-3),
    BATCH_SIZE("batchSize", Kind.INT, v -> v > 0, "must be a positive batch size", 64),
    SHUFFLE("shuffle", Kind.BOOL, v -> true, "", true),
    PATIENCE("patience", Kind.INT, v -> v >= 1, "must be >= 1 epoch", 3),
    DROPOUT("dropout", Kind.REAL, v -> v >= 0 && v < 1, "must be in [0, 1)", 0.0),
    KERNEL_SIZE("kernelSize", Kind.INT, v -> v >= 1, "must be >= 1", null),
    FILTERS("filters", Kind.INT, v -> v >= 1, "must be >= 1", null),
    STRIDE("stride", Kind.INT, v -> v >= 1, "must be >= 1", null),
    L2("l2", Kind.REAL, v -> v >= 0, "must be >= 0", 0.0),
    SCHEDULE("schedule", Kind.SETTING, v -> true, "", "none"),
    AUGMENTATION("augmentation", Kind.SETTING, v -> true, "", "none");

    /**
     * How a value is written in YAML and typed in the result tables. A SETTING is written as a name or a small map
     * of fields and kept (and typed) as its canonical text, e.g. {@code step(every=20,factor=0.8)}.
     */
    public enum Kind { REAL, INT, BOOL, CHOICE, SETTING }

    private final String key;
    private final Kind kind;
    private final DoublePredicate valid;
    private final String rule;
    private final Object defaultValue;

    /**
     * @param defaultValue what a spec that does not name it trains with; null where the model family chooses,
     *                     or (model, optimizer) where the validated spec always names a value
     */
    Hyperparameter(String key, Kind kind, DoublePredicate valid, String rule, Object defaultValue) {
        this.key = key;
        this.kind = kind;
        this.valid = valid;
        this.rule = rule;
        this.defaultValue = defaultValue;
    }

    /** Read through {@link SweepDefinition#value}, the one place a candidate's value is settled. */
    Object defaultValue() {
        return defaultValue;
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** True when a numeric value is acceptable; false means {@link #rule()} is violated. */
    public boolean accepts(double value) {
        return valid.test(value);
    }

    public String rule() {
        return rule;
    }

    public static Optional<Hyperparameter> byKey(String key) {
        return Arrays.stream(values()).filter(h -> h.key.equals(key)).findFirst();
    }

    public static String knownKeys() {
        return Arrays.stream(values()).map(Hyperparameter::key).collect(Collectors.joining(", "));
    }
}
