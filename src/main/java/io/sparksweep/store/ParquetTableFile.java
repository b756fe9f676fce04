package io.sparksweep.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one table's rows to one Parquet file with parquet-mr on the calling thread, the way Spark would lay them out
 * (Spark's schema JSON in the footer, so any Spark reads back exactly the types of {@link TableSchemas}), and reads
 * such files back the same way. A Spark job to write or read a few rows costs far more than the rows (planning,
 * closure cleaning, a job to read the footer for the schema), and a sweep's consolidation reads and writes every table.
 */
final class ParquetTableFile {

    /** The footer key Spark stores its row schema under, and reads it back from. */
    private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

    private ParquetTableFile() {
    }

    static void write(Configuration conf, StructType schema, Iterable<Row> rows, Path file) throws IOException {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri());
        write(conf, schema, rows, HadoopOutputFile.fromPath(target, conf));
    }

    /** Through the store's own file system (no checksum side files on local disk). */
    static void write(StoreFs fs, StructType schema, Iterable<Row> rows, org.apache.hadoop.fs.Path file)
            throws IOException {
        write(fs.conf(), schema, rows, new FsOutputFile(fs.fileSystem(), file));
    }

    private static void write(Configuration conf, StructType schema, Iterable<Row> rows, OutputFile file)
            throws IOException {
        MessageType parquetSchema = parquetSchema(schema);
        SimpleGroupFactory groups = new SimpleGroupFactory(parquetSchema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter
                .builder(file)
                .withConf(conf)
                .withType(parquetSchema)
                .withExtraMetaData(Map.of(SPARK_SCHEMA_KEY, schema.json()))
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .build()) {
            StructField[] fields = schema.fields();
            for (Row row : rows) {
                Group group = groups.newGroup();
                for (int i = 0; i < fields.length; i++) {
                    if (!row.isNullAt(i)) {
                        append(group, fields[i], row.get(i));
                    }
                }
                writer.write(group);
            }
        }
    }

    /** One table file's rows, with the Spark schema it was written with. */
    record Contents(StructType schema, List<Row> rows) {
    }

    /**
     * Reads a file this store (or Spark) wrote, on the calling thread: what a Spark read would return, without the two
     * jobs Spark runs for it (one to read the footer for the schema, one to collect). Empty when the footer carries no
     * Spark schema or a column type this reader does not know; the caller then asks Spark.
     */
    static Optional<Contents> read(Configuration conf, FileStatus status) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(status, conf))) {
            FileMetaData footer = reader.getFooter().getFileMetaData();
            String json = footer.getKeyValueMetaData().get(SPARK_SCHEMA_KEY);
            if (json == null) {
                return Optional.empty();
            }
            StructType schema = (StructType) DataType.fromJson(json);
            MessageType fileSchema = footer.getSchema();
            List<ColumnReader> columns = new ArrayList<>();
            for (StructField field : schema.fields()) {
                if (!fileSchema.containsField(field.name()) || !fileSchema.getType(field.name()).isPrimitive()) {
                    return Optional.empty();
                }
                Optional<ColumnReader> column = ColumnReader.of(field.dataType(),
                        fileSchema.getType(field.name()).asPrimitiveType(), fileSchema.getFieldIndex(field.name()));
                if (column.isEmpty()) {
                    return Optional.empty();
                }
                columns.add(column.get());
            }
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(fileSchema);
            List<Row> rows = new ArrayList<>();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(fileSchema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    Group group = records.read();
                    Object[] values = new Object[columns.size()];
                    for (int c = 0; c < values.length; c++) {
                        values[c] = columns.get(c).value(group);
                    }
                    rows.add(new GenericRowWithSchema(values, schema));
                }
            }
            return Optional.of(new Contents(schema, rows));
        }
    }

    /** How one column's Parquet values become the Java values Spark hands back for its Spark type. */
    private record ColumnReader(int index, java.util.function.BiFunction<Group, Integer, Object> get) {

        Object value(Group group) {
            return group.getFieldRepetitionCount(index) == 0 ? null : get.apply(group, index);
        }

        static Optional<ColumnReader> of(DataType type, PrimitiveType column, int index) {
            PrimitiveTypeName physical = column.getPrimitiveTypeName();
            java.util.function.BiFunction<Group, Integer, Object> get = null;
            if (type.equals(DataTypes.StringType) && physical == PrimitiveTypeName.BINARY) {
                get = (g, i) -> g.getString(i, 0);
            } else if (type.equals(DataTypes.IntegerType) && physical == PrimitiveTypeName.INT32) {
                get = (g, i) -> g.getInteger(i, 0);
            } else if (type.equals(DataTypes.LongType) && physical == PrimitiveTypeName.INT64) {
                get = (g, i) -> g.getLong(i, 0);
            } else if (type.equals(DataTypes.DoubleType) && physical == PrimitiveTypeName.DOUBLE) {
                get = (g, i) -> g.getDouble(i, 0);
            } else if (type.equals(DataTypes.FloatType) && physical == PrimitiveTypeName.FLOAT) {
                get = (g, i) -> g.getFloat(i, 0);
            } else if (type.equals(DataTypes.BooleanType) && physical == PrimitiveTypeName.BOOLEAN) {
                get = (g, i) -> g.getBoolean(i, 0);
            } else if (type.equals(DataTypes.TimestampType) && physical == PrimitiveTypeName.INT96) {
                get = (g, i) -> int96Timestamp(g.getInt96(i, 0).getBytes());
            } else if (type.equals(DataTypes.TimestampType) && physical == PrimitiveTypeName.INT64
                    && column.getLogicalTypeAnnotation()
                    instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation time) {
                long perSecond = switch (time.getUnit()) {
                    case MILLIS -> 1_000L;
                    case MICROS -> 1_000_000L;
                    case NANOS -> 1_000_000_000L;
                };
                get = (g, i) -> timestamp(g.getLong(i, 0), perSecond);
            }
            return Optional.ofNullable(get).map(reader -> new ColumnReader(index, reader));
        }
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

    /** A new file on a given file system; parquet-mr would otherwise look the file system up by scheme. */
    private record FsOutputFile(FileSystem fs, org.apache.hadoop.fs.Path path) implements OutputFile {

        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return HadoopStreams.wrap(fs.create(path, false));
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            return HadoopStreams.wrap(fs.create(path, true));
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return path.toString();
        }
    }

    static MessageType parquetSchema(StructType schema) {
        List<Type> columns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            columns.add(column(field));
        }
        return new MessageType("spark_schema", columns);
    }

    private static Type column(StructField field) {
        DataType type = field.dataType();
        if (type.equals(DataTypes.StringType)) {
            return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(field.name());
        } else if (type.equals(DataTypes.IntegerType)) {
            return Types.optional(PrimitiveTypeName.INT32).named(field.name());
        } else if (type.equals(DataTypes.LongType)) {
            return Types.optional(PrimitiveTypeName.INT64).named(field.name());
        } else if (type.equals(DataTypes.DoubleType)) {
            return Types.optional(PrimitiveTypeName.DOUBLE).named(field.name());
        } else if (type.equals(DataTypes.FloatType)) {
            return Types.optional(PrimitiveTypeName.FLOAT).named(field.name());
        } else if (type.equals(DataTypes.BooleanType)) {
            return Types.optional(PrimitiveTypeName.BOOLEAN).named(field.name());
        } else if (type.equals(DataTypes.TimestampType)) {
            return Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
                    .named(field.name());
        }
        throw new IllegalArgumentException("column " + field.name() + ": no Parquet mapping for " + type.simpleString());
    }

    private static void append(Group group, StructField field, Object value) {
        String name = field.name();
        DataType type = field.dataType();
        if (type.equals(DataTypes.StringType)) {
            group.append(name, value.toString());
        } else if (type.equals(DataTypes.IntegerType)) {
            group.append(name, ((Number) value).intValue());
        } else if (type.equals(DataTypes.LongType)) {
            group.append(name, ((Number) value).longValue());
        } else if (type.equals(DataTypes.DoubleType)) {
            group.append(name, ((Number) value).doubleValue());
        } else if (type.equals(DataTypes.FloatType)) {
            group.append(name, ((Number) value).floatValue());
        } else if (type.equals(DataTypes.BooleanType)) {
            group.append(name, (Boolean) value);
        } else {
            Timestamp time = (Timestamp) value;
            group.append(name, Math.floorDiv(time.getTime(), 1000L) * 1_000_000L + time.getNanos() / 1000);
        }
    }
}
