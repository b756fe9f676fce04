package io.sparksweep.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
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

/**
 * Writes one table's rows to one Parquet file with parquet-mr, on the calling thread, the way Spark would lay them out
 * (Spark's schema JSON in the footer, so any Spark reads back exactly the types of {@link TableSchemas}). A Spark write
 * job costs 0.1-0.3 s even for a few rows, most of it planning; a sweep writes seven tables at its end, and this is the
 * wall time it adds to the sweep (perf-notes).
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
