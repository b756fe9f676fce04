package io.sparksweep.results;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The Parquet table folders of one sweep folder. A table is replaced by writing the new version next to
 * it under a hidden name and swapping the folders with renames, so a reader sees the old table or the
 * new one, never a half-written one. Hidden names start with '.', which Spark skips when listing.
 */
final class SweepTables {

    private static final String TEMP_MARK = ".tmp-";
    private static final String OLD_MARK = ".old-";

    private final SparkSession spark;
    private final Path dir;

    SweepTables(SparkSession spark, Path sweepDir) {
        this.spark = spark;
        this.dir = sweepDir;
    }

    Path path(Table table) {
        return dir.resolve(table.folder());
    }

    boolean exists(Table table) {
        return Files.isDirectory(path(table));
    }

    Optional<Dataset<Row>> read(Table table) {
        return exists(table) ? Optional.of(spark.read().parquet(uri(path(table)))) : Optional.empty();
    }

    /** Replaces {@code table} with these rows, in one Parquet file (see {@link ParquetTableFile}). */
    void write(Table table, StructType schema, List<Row> rows) {
        String token = UUID.randomUUID().toString();
        Path temp = dir.resolve("." + table.folder() + TEMP_MARK + token);
        Path old = dir.resolve("." + table.folder() + OLD_MARK + token);
        try {
            Files.createDirectories(temp);
            ParquetTableFile.write(spark.sparkContext().hadoopConfiguration(), schema, rows,
                    temp.resolve("part-00000-" + token + ".snappy.parquet"));
            if (exists(table)) {
                Files.move(path(table), old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temp, path(table), StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace table " + path(table) + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Undoes what a crash in the middle of {@link #write} left behind: a table moved aside but not yet
     * replaced is moved back (the journal still holds the runs that were being added), temp folders go.
     */
    void recoverInterruptedWrites() {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                for (Table table : Table.values()) {
                    String prefix = "." + table.folder();
                    if (name.startsWith(prefix + OLD_MARK) && !exists(table)) {
                        Files.move(entry, path(table), StandardCopyOption.ATOMIC_MOVE);
                    } else if (name.startsWith(prefix + OLD_MARK) || name.startsWith(prefix + TEMP_MARK)) {
                        deleteTree(entry);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up sweep folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A file: URI, so a cluster whose default file system is HDFS still reads the local results folder. */
    static String uri(Path path) {
        return path.toAbsolutePath().toUri().toString();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> deepestFirst = all.sorted(Comparator.reverseOrder()).toList();
            for (Path p : deepestFirst) {
                Files.delete(p);
            }
        }
    }

    private static void deleteQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (IOException ignored) {
            // Only a failed write leaves this behind; recoverInterruptedWrites removes it on the next start.
        }
    }
}
