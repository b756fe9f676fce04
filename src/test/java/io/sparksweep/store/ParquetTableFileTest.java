package io.sparksweep.store;

import io.sparksweep.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A file written by {@link ParquetTableFile} reads back in Spark with the same schema and values, nulls included. */
class ParquetTableFileTest {

    private static final SparkSession SPARK = LocalSpark.session();

    @Test
    void everyColumnTypeAndNullReadsBackInSparkUnchanged(@TempDir Path dir) throws Exception {
        StructType schema = new StructType()
                .add("name", DataTypes.StringType).add("count", DataTypes.IntegerType)
                .add("seed", DataTypes.LongType).add("accuracy", DataTypes.DoubleType)
                .add("shuffle", DataTypes.BooleanType).add("finished_at", DataTypes.TimestampType);
        Timestamp micros = Timestamp.valueOf("2026-11-23 05:06:07.123456");
        Timestamp beforeEpoch = Timestamp.valueOf("1969-12-31 23:59:59.5");
        List<Row> rows = List.of(
                RowFactory.create("lenet5 ü", 3, 1L << 40, 0.8052, true, micros),
                RowFactory.create(null, null, null, Double.NaN, null, beforeEpoch),
                RowFactory.create("", -1, -7L, null, false, null));

        ParquetTableFile.write(SPARK.sparkContext().hadoopConfiguration(), schema, rows, dir.resolve("t.parquet"));

        org.apache.spark.sql.Dataset<Row> back = SPARK.read().parquet(dir.toString());
        assertEquals(schema.simpleString(), back.schema().simpleString());
        List<Row> read = back.collectAsList();
        assertEquals(3, read.size());
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < schema.size(); c++) {
                assertEquals(rows.get(r).get(c), read.get(r).get(c), "row " + r + ", column " + schema.fields()[c].name());
            }
        }
    }

    /**
     * Read back without Spark, a file gives what Spark's own read gives: the file written here (timestamps as 64-bit
     * micros) and one Spark wrote (timestamps in Spark's legacy 96-bit layout, as folders of earlier versions have them),
     * nulls, NaN, times before 1970 and the float column of the predictions table included.
     */
    @Test
    void aFileReadWithoutSparkGivesWhatSparkReads(@TempDir Path dir) throws Exception {
        StructType schema = new StructType()
                .add("name", DataTypes.StringType).add("count", DataTypes.IntegerType)
                .add("seed", DataTypes.LongType).add("accuracy", DataTypes.DoubleType)
                .add("p", DataTypes.FloatType)
                .add("shuffle", DataTypes.BooleanType).add("finished_at", DataTypes.TimestampType);
        List<Row> rows = List.of(
                RowFactory.create("lenet5 ü", 3, 1L << 40, 0.8052, 0.25f, true,
                        Timestamp.valueOf("2026-11-23 05:06:07.123456")),
                RowFactory.create(null, null, null, Double.NaN, null, null,
                        Timestamp.valueOf("1969-12-31 23:59:59.5")),
                RowFactory.create("", -1, -7L, null, -0.0f, false, null));
        Path ours = dir.resolve("ours");
        java.nio.file.Files.createDirectories(ours);
        ParquetTableFile.write(SPARK.sparkContext().hadoopConfiguration(), schema, rows, ours.resolve("t.parquet"));
        Path spark = dir.resolve("spark");
        SPARK.createDataFrame(rows, schema).coalesce(1).write()
                .option("compression", "snappy").parquet(spark.toString());

        org.apache.hadoop.conf.Configuration conf = SPARK.sparkContext().hadoopConfiguration();
        for (Path folder : List.of(ours, spark)) {
            Path file;
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
                file = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            }
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
            ParquetTableFile.Contents contents = ParquetTableFile.read(conf, path.getFileSystem(conf).getFileStatus(path))
                    .orElseThrow();
            assertEquals(schema, contents.schema(), folder.getFileName().toString());
            List<Row> bySpark = SPARK.read().parquet(file.toString()).collectAsList();
            assertEquals(bySpark, contents.rows(), folder.getFileName() + ": the rows Spark reads");
            assertEquals(rows.get(1).get(6), contents.rows().get(1).get(6), "before the epoch");
        }
    }

    @Test
    void aColumnTypeWithoutMappingIsRefusedNamingTheColumn(@TempDir Path dir) {
        StructType schema = new StructType().add("weights", DataTypes.createArrayType(DataTypes.FloatType));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParquetTableFile.write(
                SPARK.sparkContext().hadoopConfiguration(), schema, List.of(), dir.resolve("t.parquet")));
        assertEquals("column weights: no Parquet mapping for array<float>", e.getMessage());
    }
}
