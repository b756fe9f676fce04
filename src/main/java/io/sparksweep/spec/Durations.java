package io.sparksweep.spec;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Durations as users write them in specs and options: 90s, 45m, 2h, 1h30m, or ISO-8601 (PT90S). */
public final class Durations {

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the expected form and quoting at most 80 characters of the text */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        String expected = "expected a duration like 90s, 45m or 2h, got '" + SpecException.quote(text) + "'";
        try {
            if (t.startsWith("pt")) {
                return positive(Duration.parse(t.toUpperCase(Locale.ROOT)), expected);
            }
            if (t.isEmpty() || !t.matches("(\\d+h)?(\\d+m)?(\\d+s)?")) {
                throw new IllegalArgumentException(expected);
            }
            return positive(Duration.parse("PT" + t.toUpperCase(Locale.ROOT)), expected);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(expected);
        }
    }

    private static Duration positive(Duration d, String expected) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(expected + " (it must be longer than zero)");
        }
        return d;
    }
}
