package io.sparksweep.store;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Optional;

/**
 * The column types of the store's tables, each with its Parquet layout as Spark writes it, how a value goes in, and how
 * a value comes back as the Java value Spark hands back for that type. One place per type, so writing and reading
 * cannot drift apart.
 */
enum ParquetColumn {
    STRING(DataTypes.StringType, PrimitiveTypeName.BINARY, (g, name, v) -> g.append(name, v.toString()),
            (g, i) -> g.getString(i, 0)) {
        @Override
        Type parquet(String name) {
            return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
        }
    },
    INT(DataTypes.IntegerType, PrimitiveTypeName.INT32, (g, name, v) -> g.append(name, ((Number) v).intValue()),
            (g, i) -> g.getInteger(i, 0)),
    LONG(DataTypes.LongType, PrimitiveTypeName.INT64, (g, name, v) -> g.append(name, ((Number) v).longValue()),
            (g, i) -> g.getLong(i, 0)),
    DOUBLE(DataTypes.DoubleType, PrimitiveTypeName.DOUBLE, (g, name, v) -> g.append(name, ((Number) v).doubleValue()),
            (g, i) -> g.getDouble(i, 0)),
    FLOAT(DataTypes.FloatType, PrimitiveTypeName.FLOAT, (g, name, v) -> g.append(name, ((Number) v).floatValue()),
            (g, i) -> g.getFloat(i, 0)),
    BOOLEAN(DataTypes.BooleanType, PrimitiveTypeName.BOOLEAN, (g, name, v) -> g.append(name, (Boolean) v),
            (g, i) -> g.getBoolean(i, 0)),
    /**
     * Written as microseconds since the epoch (Spark's default); read also from Spark's legacy 96-bit layout, which
     * older sweep folders hold, and from 64-bit timestamps in any unit.
     */
    TIMESTAMP(DataTypes.TimestampType, PrimitiveTypeName.INT64, (g, name, v) -> g.append(name,
            Math.floorDiv(((Timestamp) v).getTime(), 1000L) * 1_000_000L + ((Timestamp) v).getNanos() / 1000),
            (g, i) -> timestamp(g.getLong(i, 0), 1_000_000L)) {
        @Override
        Type parquet(String name) {
            return Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
        }

        @Override
        Optional<Reader> reader(PrimitiveType column) {
            if (column.getPrimitiveTypeName() == PrimitiveTypeName.INT96) {
                return Optional.of((g, i) -> int96Timestamp(g.getInt96(i, 0).getBytes()));
            }
            if (column.getPrimitiveTypeName() == PrimitiveTypeName.INT64
                    && column.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
                long perSecond = switch (t.getUnit()) {
                    case MILLIS -> 1_000L;
                    case MICROS -> 1_000_000L;
                    case NANOS -> 1_000_000_000L;
                };
                return Optional.of((g, i) -> timestamp(g.getLong(i, 0), perSecond));
            }
            return Optional.empty();
        }
    };

    /** Appends one non-null value to a record. */
    @FunctionalInterface
    interface Writer {
        void append(Group group, String name, Object value);
    }

    /** Reads one column's value of a record. */
    @FunctionalInterface
    interface Reader {
        Object value(Group group, int index);
    }

    private final DataType sparkType;
    private final PrimitiveTypeName physical;
    private final Writer writer;
    private final Reader reader;

    ParquetColumn(DataType sparkType, PrimitiveTypeName physical, Writer writer, Reader reader) {
        this.sparkType = sparkType;
        this.physical = physical;
        this.writer = writer;
        this.reader = reader;
    }

    /** The kind for a Spark type; empty for a type the store's tables do not use. */
    static Optional<ParquetColumn> of(DataType type) {
        return Arrays.stream(values()).filter(k -> k.sparkType.equals(type)).findFirst();
    }

    /** The column as Spark lays it out. */
    Type parquet(String name) {
        return Types.optional(physical).named(name);
    }

    /** Appends a non-null value. */
    void append(Group group, String name, Object value) {
        writer.append(group, name, value);
    }

    /** How to read a file's column of this Spark type; empty when its Parquet layout is not one this reader knows. */
    Optional<Reader> reader(PrimitiveType column) {
        return column.getPrimitiveTypeName() == physical ? Optional.of(reader) : Optional.empty();
    }

    /** Seconds since the epoch in {@code perSecond} units, as the {@link Timestamp} Spark returns. */
    private static Timestamp timestamp(long value, long perSecond) {
        Timestamp time = new Timestamp(Math.floorDiv(value, perSecond) * 1000L);
        time.setNanos((int) (Math.floorMod(value, perSecond) * (1_000_000_000L / perSecond)));
        return time;
    }

    /** Spark's legacy layout: nanoseconds of the day, then the Julian day number, both little-endian. */
    private static Timestamp int96Timestamp(byte[] bytes) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = buffer.getLong();
        long julianDay = buffer.getInt();
        long unixEpochJulianDay = 2_440_588L;
        long nanos = (julianDay - unixEpochJulianDay) * 86_400_000_000_000L + nanosOfDay;
        return timestamp(Math.floorDiv(nanos, 1000L), 1_000_000L);
    }
}
