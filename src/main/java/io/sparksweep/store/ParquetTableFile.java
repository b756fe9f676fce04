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
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Path;
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
            ParquetColumn[] kinds = new ParquetColumn[fields.length];
            for (int i = 0; i < fields.length; i++) {
                kinds[i] = kind(fields[i]);
            }
            for (Row row : rows) {
                Group group = groups.newGroup();
                for (int i = 0; i < fields.length; i++) {
                    if (!row.isNullAt(i)) {
                        kinds[i].append(group, fields[i].name(), row.get(i));
                    }
                }
                writer.write(group);
            }
        }
    }

    /** One table file's rows, with the Spark schema it was written with. */
    record Contents(StructType schema, List<Row> rows) {

        boolean has(String column) {
            return List.of(schema.fieldNames()).contains(column);
        }

        /** The column's position in each row. */
        int index(String column) {
            return schema.fieldIndex(column);
        }

        java.util.stream.Stream<Row> stream() {
            return rows.stream();
        }
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

    /** One column of a file, read as {@link ParquetColumn} reads its type. */
    private record ColumnReader(int index, ParquetColumn.Reader reader) {

        Object value(Group group) {
            return group.getFieldRepetitionCount(index) == 0 ? null : reader.value(group, index);
        }

        static Optional<ColumnReader> of(DataType type, PrimitiveType column, int index) {
            return ParquetColumn.of(type).flatMap(kind -> kind.reader(column))
                    .map(reader -> new ColumnReader(index, reader));
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
        return kind(field).parquet(field.name());
    }

    private static ParquetColumn kind(StructField field) {
        return ParquetColumn.of(field.dataType()).orElseThrow(() -> new IllegalArgumentException(
                "column " + field.name() + ": no Parquet mapping for " + field.dataType().simpleString()));
    }
}
