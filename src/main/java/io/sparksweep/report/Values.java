package io.sparksweep.report;

import java.math.BigDecimal;
import java.util.Locale;

/** How numbers and hyperparameter values are written in the report, the same way everywhere. */
public final class Values {

    private Values() {
    }

    /** A hyperparameter value as the spec would have it: 0.001, not 1.0E-3. */
    public static String format(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                    : Double.toString(d);
        }
        return value.toString();
    }

    /** A metric with a fixed number of decimals, or an en dash when it has no value. */
    public static String decimal(double value, int decimals) {
        return Double.isNaN(value) ? "\u2013" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    public static String percent(double fraction, int decimals) {
        return Double.isNaN(fraction) ? "\u2013" : decimal(100 * fraction, decimals) + "%";
    }

    /** Parameter counts are easier to compare as 1.2M than as 1234567. */
    public static String compactCount(long count) {
        if (count >= 1_000_000_000L) {
            return decimal(count / 1e9, 1) + "G";
        }
        if (count >= 1_000_000L) {
            return decimal(count / 1e6, 1) + "M";
        }
        if (count >= 10_000L) {
            return decimal(count / 1e3, 1) + "k";
        }
        return Long.toString(count);
    }
}
