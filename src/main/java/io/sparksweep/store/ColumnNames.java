package io.sparksweep.store;

import java.util.Locale;

/**
 * Column names: the identifying columns shared by the tables, and the one place that turns a camelCase
 * hyperparameter key of the records into its snake_case column ({@code learningRate -> learning_rate}).
 */
public final class ColumnNames {

    private static final String RESERVED_PREFIX = "hp_";

    /**
     * The hyperparameter that picks the model family. Every runs, trials and summary row already has the
     * family in its fixed {@code model} column, so this key gets no hyperparameter column of its own.
     */
    public static final String MODEL_KEY = "model";

    /**
     * The columns that identify a row in the runs, epochs, classes, confusion, trials and summary tables, named once
     * for the code that reads tables back and joins them ({@link TableSchemas} gives their types).
     */
    public static final String SWEEP = "sweep";
    public static final String TRIAL_ID = "trial_id";
    public static final String SEED = "seed";
    /** The runs table's status column: a {@link io.sparksweep.run.RunStatus#label()}. */
    public static final String STATUS = "status";

    private ColumnNames() {
    }

    /**
     * Column of a hyperparameter key, e.g. {@code learningRate -> learning_rate}. A key that would collide
     * with a fixed column (say {@code seed}) gets an {@code hp_} prefix rather than shadowing it.
     */
    public static String hyperparameterColumn(String key) {
        String snake = snakeCase(key);
        return TableSchemas.FIXED_COLUMNS.contains(snake) ? RESERVED_PREFIX + snake : snake;
    }

    static String snakeCase(String camel) {
        if (camel == null || camel.isBlank()) {
            throw new IllegalArgumentException("hyperparameter name is empty");
        }
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            boolean wordStart = Character.isUpperCase(c) && i > 0
                    && (Character.isLowerCase(camel.charAt(i - 1)) || Character.isDigit(camel.charAt(i - 1))
                    || (i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1))
                    && Character.isUpperCase(camel.charAt(i - 1))));
            if (wordStart) {
                out.append('_');
            }
            out.append(c == '-' || c == ' ' || c == '.' ? '_' : c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
