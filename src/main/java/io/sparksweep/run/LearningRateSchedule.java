package io.sparksweep.run;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a run's learning rate changes between epochs. Its {@link #text()} is the canonical form kept in trial
 * hyperparameters, the trials table and provenance ({@code none}, {@code step(every=20,factor=0.8)},
 * {@code plateau(patience=3,factor=0.5,min=1.0E-5)}); {@link #parse} reads it back.
 */
public sealed interface LearningRateSchedule extends Serializable {

    /** The value a spec that names no schedule trains with. */
    LearningRateSchedule NONE = new None();

    /** The canonical text: equal schedules, equal texts. */
    String text();

    default boolean isNone() {
        return this instanceof None;
    }

    /** The learning rate set by the network configuration, all run long. */
    record None() implements LearningRateSchedule {
        @Override
        public String text() {
            return "none";
        }
    }

    /**
     * Step decay: the rate is multiplied by {@code factor} after every {@code every} epochs (epochs 1..every train
     * with the configured rate). Applied as DL4J's own epoch-based {@code StepSchedule} on the optimizer.
     */
    record Step(int every, double factor) implements LearningRateSchedule {
        public Step {
            if (every < 1) {
                throw new IllegalArgumentException("step.every: must be >= 1 epoch, got " + every);
            }
            if (!(factor > 0 && factor < 1)) {
                throw new IllegalArgumentException("step.factor: must be in (0, 1), got " + factor);
            }
        }

        @Override
        public String text() {
            return "step(every=" + every + ",factor=" + factor + ")";
        }
    }

    /**
     * Reduce on plateau: after {@code patience} epochs in a row without a lower validation loss, the rate is
     * multiplied by {@code factor}, but not below {@code min}; the count starts again after each reduction.
     */
    record Plateau(int patience, double factor, double min) implements LearningRateSchedule {
        public Plateau {
            if (patience < 1) {
                throw new IllegalArgumentException("plateau.patience: must be >= 1 epoch, got " + patience);
            }
            if (!(factor > 0 && factor < 1)) {
                throw new IllegalArgumentException("plateau.factor: must be in (0, 1), got " + factor);
            }
            if (!(min >= 0) || Double.isInfinite(min)) {
                throw new IllegalArgumentException("plateau.min: must be >= 0, got " + min);
            }
        }

        @Override
        public String text() {
            return "plateau(patience=" + patience + ",factor=" + factor + ",min=" + min + ")";
        }
    }

    Pattern TEXT = Pattern.compile("(none|step|plateau)(?:\\((.*)\\))?");

    /**
     * Reads a canonical text (or a spec's own writing of it, fields in any order).
     *
     * @throws IllegalArgumentException naming what is wrong, in one line
     */
    static LearningRateSchedule parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown schedule '" + text + "' (known: none, step, plateau)");
        }
        Map<String, String> fields = fields(m.group(2));
        return of(m.group(1), fields);
    }

    /**
     * A schedule from its kind and its fields as texts (how both a spec and a canonical text give them).
     *
     * @throws IllegalArgumentException naming the missing, unknown or invalid field
     */
    static LearningRateSchedule of(String kind, Map<String, String> fields) {
        switch (kind) {
            case "none" -> {
                requireOnly(kind, fields);
                return NONE;
            }
            case "step" -> {
                requireOnly(kind, fields, "every", "factor");
                return new Step(whole(kind, fields, "every"), real(kind, fields, "factor"));
            }
            case "plateau" -> {
                requireOnly(kind, fields, "patience", "factor", "min");
                return new Plateau(whole(kind, fields, "patience"), real(kind, fields, "factor"),
                        fields.containsKey("min") ? real(kind, fields, "min") : 0.0);
            }
            default -> throw new IllegalArgumentException("unknown schedule '" + kind + "' (known: none, step, plateau)");
        }
    }

    private static Map<String, String> fields(String inner) {
        Map<String, String> out = new LinkedHashMap<>();
        if (inner == null || inner.isBlank()) {
            return out;
        }
        for (String part : inner.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected name=value, got '" + part.trim() + "'");
            }
            out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }

    private static void requireOnly(String kind, Map<String, String> fields, String... known) {
        java.util.List<String> names = java.util.List.of(known);
        for (String name : fields.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException(kind + "." + name + ": unknown field (known: "
                        + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
            }
        }
        for (String name : names) {
            if (!fields.containsKey(name) && !(kind.equals("plateau") && name.equals("min"))) {
                throw new IllegalArgumentException(kind + "." + name + ": required");
            }
        }
    }

    private static int whole(String kind, Map<String, String> fields, String name) {
        try {
            return Integer.parseInt(fields.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(kind + "." + name + ": expected a whole number, got '" + fields.get(name) + "'");
        }
    }

    private static double real(String kind, Map<String, String> fields, String name) {
        try {
            double v = Double.parseDouble(fields.get(name));
            if (Double.isNaN(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(kind + "." + name + ": expected a number, got '" + fields.get(name) + "'");
        }
    }
}
