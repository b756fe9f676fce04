package io.sparksweep.report;

import org.apache.spark.sql.Row;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Spark rows by column name, tolerant of the integer widths and nulls a table writer may choose:
 * counts may be int or long, statistics may be null where there was nothing to average.
 */
final class Rows {

    private Rows() {
    }

    static String string(Row row, String column) {
        Object value = row.getAs(column);
        return value == null ? null : value.toString();
    }

    static double doubleOrNaN(Row row, String column) {
        Object value = row.getAs(column);
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    static long longOrZero(Row row, String column) {
        Object value = row.getAs(column);
        return value == null ? 0L : ((Number) value).longValue();
    }

    /** Timestamps or epoch millis, whichever the writer used. */
    static Instant instant(Row row, String column) {
        Object value = row.getAs(column);
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        return null;
    }

    static Map<String, Object> values(Row row, List<String> columns) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String column : columns) {
            values.put(column, row.getAs(column));
        }
        return values;
    }
}
