package io.sparksweep.spec;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.stream.Collectors;

/** Every hyperparameter a spec may vary, with its type and the values that make sense. */
public enum Hyperparameter {
    MODEL("model", Kind.CHOICE, v -> true, ""),
    OPTIMIZER("optimizer", Kind.CHOICE, v -> true, ""),
    LEARNING_RATE("learningRate", Kind.REAL, v -> v > 0, "must be > 0"),
    BATCH_SIZE("batchSize", Kind.INT, v -> v > 0, "must be a positive batch size"),
    SHUFFLE("shuffle", Kind.BOOL, v -> true, ""),
    PATIENCE("patience", Kind.INT, v -> v >= 1, "must be >= 1 epoch"),
    DROPOUT("dropout", Kind.REAL, v -> v >= 0 && v < 1, "must be in [0, 1)"),
    KERNEL_SIZE("kernelSize", Kind.INT, v -> v >= 1, "must be >= 1"),
    FILTERS("filters", Kind.INT, v -> v >= 1, "must be >= 1"),
    STRIDE("stride", Kind.INT, v -> v >= 1, "must be >= 1"),
    L2("l2", Kind.REAL, v -> v >= 0, "must be >= 0");

    /** How a value is written in YAML and typed in the result tables. */
    public enum Kind { REAL, INT, BOOL, CHOICE }

    private final String key;
    private final Kind kind;
    private final DoublePredicate valid;
    private final String rule;

    Hyperparameter(String key, Kind kind, DoublePredicate valid, String rule) {
        this.key = key;
        this.kind = kind;
        this.valid = valid;
        this.rule = rule;
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
