package io.sparksweep.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparksweep.run.Augmentation;
import io.sparksweep.run.LearningRateSchedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the hyperparameters written as a name or a small map ({@link Hyperparameter.Kind#SETTING}): the learning-rate
 * schedule and the augmentation. A value is kept as its canonical text, so equal settings however spelled are one
 * choice, one trial id and one value in the result tables.
 */
final class TrainingSettings {

    /** What {@code augmentation: true} means. */
    static final Augmentation DEFAULT_AUGMENTATION = new Augmentation(2, true);

    private TrainingSettings() {
    }

    static String canonical(Hyperparameter hp, JsonNode node, String source, String field) {
        try {
            return switch (hp) {
                case SCHEDULE -> schedule(node).text();
                case AUGMENTATION -> augmentation(node).text();
                default -> throw new IllegalStateException(hp + " is not a setting");
            };
        } catch (IllegalArgumentException e) {
            throw new SpecException(source, field, e.getMessage());
        }
    }

    /** {@code none}, or {@code {step: {every, factor}}}, or {@code {plateau: {patience, factor, min}}}. */
    private static LearningRateSchedule schedule(JsonNode node) {
        if (node.isTextual()) {
            if (!node.textValue().equals("none")) {
                throw new IllegalArgumentException("unknown schedule '" + SpecException.quote(node.textValue())
                        + "' (known: none, {step: {every, factor}}, {plateau: {patience, factor, min}})");
            }
            return LearningRateSchedule.NONE;
        }
        if (!node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("expected none, {step: {every, factor}} or {plateau: {patience, factor, min}}, got "
                    + SpecException.quote(node.toString()));
        }
        String kind = node.fieldNames().next();
        if (!List.of("step", "plateau").contains(kind)) {
            throw new IllegalArgumentException("unknown schedule '" + SpecException.quote(kind) + "' (known: none, step, plateau)");
        }
        JsonNode fields = node.get(kind);
        if (!fields.isObject()) {
            throw new IllegalArgumentException(kind + ": expected a map of fields, got " + SpecException.quote(fields.toString()));
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (var it = fields.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (!entry.getValue().isNumber()) {
                throw new IllegalArgumentException(kind + "." + entry.getKey() + ": expected a number, got "
                        + SpecException.quote(entry.getValue().toString()));
            }
            texts.put(entry.getKey(), entry.getValue().asText());
        }
        return LearningRateSchedule.of(kind, texts);
    }

    /** {@code none} / {@code false}, {@code true} (shift 2 and flips), or {@code {shift: N, flip: B}}. */
    private static Augmentation augmentation(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue() ? DEFAULT_AUGMENTATION : Augmentation.NONE;
        }
        if (node.isTextual() && node.textValue().equals("none")) {
            return Augmentation.NONE;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected none, true, false or {shift: N, flip: true|false}, got "
                    + SpecException.quote(node.toString()));
        }
        int shift = 0;
        boolean flip = false;
        for (var it = node.fields(); it.hasNext(); ) {
            var entry = it.next();
            JsonNode v = entry.getValue();
            switch (entry.getKey()) {
                case "shift" -> {
                    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                        throw new IllegalArgumentException("shift: expected a whole number of pixels, got " + SpecException.quote(v.toString()));
                    }
                    shift = v.intValue();
                }
                case "flip" -> {
                    if (!v.isBoolean()) {
                        throw new IllegalArgumentException("flip: expected true or false, got " + SpecException.quote(v.toString()));
                    }
                    flip = v.booleanValue();
                }
                default -> throw new IllegalArgumentException(SpecException.quote(entry.getKey()) + ": unknown field (known: shift, flip)");
            }
        }
        return new Augmentation(shift, flip);
    }
}
