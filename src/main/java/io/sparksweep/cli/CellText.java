package io.sparksweep.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Timestamp;
import java.time.Instant;

/** How a value of a result row is shown: short for people, exact for files. */
final class CellText {

    static final int MAX_HUMAN_WIDTH = 80;
    private static final MathContext SIX_DIGITS = new MathContext(6);

    private CellText() {
    }

    /** For the aligned table: six significant digits, one line, long text cut. */
    static String human(Object value) {
        if (value == null) {
            return "NULL";
        } else if (value instanceof Double || value instanceof Float) {
            return number(((Number) value).doubleValue());
        } else if (value instanceof Timestamp time) {
            return time.toInstant().toString();
        }
        String text = value.toString().replaceAll("\\s*\\R\\s*", " ");
        return text.length() <= MAX_HUMAN_WIDTH ? text : text.substring(0, MAX_HUMAN_WIDTH - 3) + "...";
    }

    /** For csv and json: nothing lost; timestamps as ISO-8601 instants in UTC. */
    static String exact(Object value) {
        if (value instanceof Timestamp time) {
            return time.toInstant().toString();
        } else if (value instanceof Instant instant) {
            return instant.toString();
        }
        return value == null ? "" : value.toString();
    }

    static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(SIX_DIGITS).stripTrailingZeros();
        boolean plain = value == 0 || (Math.abs(value) >= 1e-4 && Math.abs(value) < 1e9);
        return plain ? rounded.toPlainString() : rounded.toString();
    }
}
