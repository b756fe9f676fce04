package io.sparksweep.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Parquet tables of one sweep folder, as snapshots. Each table is a folder of Parquet files
 * ({@code <sweep>/<table>/part-*.parquet}); which files make up the current version of every table is said by
 * the newest manifest {@code <sweep>/_snapshots/<version>.json}. A write stages new files under fresh names
 * (invisible to readers, who go by the manifest), then publishes the next manifest in one whole-file write,
 * then deletes the files no manifest names any more. So readers see the previous snapshot of all seven tables
 * or the next one, never a mix, on any file system (no rename is needed on object stores). Once a write is
 * over, each table folder holds exactly the current files, so plain Parquet readers may read the folders.
 *
 * <p>Which files are tables is decided by the folder's {@link StoreFormat}: in a marked folder only a manifest names
 * tables, so the staged files of a write cut short (even the first one, even a file cut off in the middle) are never
 * read. A folder written before snapshots existed (no marker, no manifest) is read folder by folder; its next writer
 * first publishes those folders as they are as a snapshot, then marks the folder.
 *
 * <p>Before a table file is handed to Spark its Parquet footer is read once, so a damaged file (disk error, someone's
 * hand) is reported as one {@link UnreadableTableException} naming it rather than as a failed Spark job.
 */
final class SweepTables {

    static final String SNAPSHOTS = "_snapshots";
    private static final Pattern MANIFEST = Pattern.compile("\\d{20}\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The files of each table in one snapshot, relative to the sweep folder. */
    record Snapshot(long version, Map<Table, List<String>> files) {
        static final Snapshot NONE = new Snapshot(0, Map.of());
    }

    private final SparkSession spark;
    private final StoreFs fs;
    private final Path dir;
    private final StoreFaults faults;
    /**
     * The snapshot reads come from: for a writer the newest at every read; for a reader the one resolved when it was
     * pinned, so every table it reads comes from the same one.
     */
    private final Supplier<Optional<Snapshot>> snapshot;
    /** Table files whose footer was read: files are never rewritten under the same name, so once is enough. */
    private final Set<String> readable = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Set once the folder is known to carry the snapshot format's marker (it never loses it). */
    private volatile boolean marked;

    SweepTables(SparkSession spark, StoreFs fs, Path sweepDir, StoreFaults faults) {
        this.spark = spark;
        this.fs = fs;
        this.dir = sweepDir;
        this.faults = faults;
        this.snapshot = this::newest;
    }

    private SweepTables(SweepTables live, Optional<Snapshot> pinned) {
        this.spark = live.spark;
        this.fs = live.fs;
        this.dir = live.dir;
        this.faults = live.faults;
        this.snapshot = () -> pinned;
    }

    /** Read-only tables of a sweep folder, pinned to its current snapshot. */
    static SweepTables reader(SparkSession spark, ResultsRoot root, String sweep) {
        StoreFs fs = StoreFs.of(root, spark.sparkContext().hadoopConfiguration());
        return new SweepTables(spark, fs, new Path(root.sweepLocation(sweep)), StoreFaults.NONE).pin();
    }

    /** The sweep folder's store (its file system); for copies between results folders. */
    StoreFs fs() {
        return fs;
    }

    /** These tables as of now: later writes do not change what the returned instance reads. */
    SweepTables pin() {
        return new SweepTables(this, current());
    }

    Path dir() {
        return dir;
    }

    /** Where a table's files live (its folder), for messages. */
    String location(Table table) {
        return new Path(dir, table.folder()).toString();
    }

    /**
     * The snapshot readers see: the newest published one, else (a folder written before snapshots) the
     * Parquet files found in the table folders; empty when there are no tables at all.
     */
    Optional<Snapshot> current() {
        return snapshot.get();
    }

    private Optional<Snapshot> newest() {
        try {
            boolean snapshots = marked();
            Optional<Snapshot> published = published();
            if (published.isEmpty() && snapshots) {
                checkNoDamagedManifest();
            }
            return published.isPresent() || snapshots ? published : unpublished();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tables of " + dir + ": " + StoreFs.firstLine(e), e);
        }
    }

    private Optional<Snapshot> published() throws IOException {
        List<FileStatus> manifests = new ArrayList<>(fs.list(new Path(dir, SNAPSHOTS)).stream()
                .filter(s -> MANIFEST.matcher(s.getPath().getName()).matches()).toList());
        manifests.sort(Comparator.comparing((FileStatus s) -> s.getPath().getName()).reversed());
        for (FileStatus manifest : manifests) {
            Optional<Snapshot> snapshot = parse(fs.read(manifest.getPath()).orElse(new byte[0]));
            if (snapshot.isPresent()) {
                return snapshot;
            }
        }
        return Optional.empty();
    }

    /**
     * In a marked folder no readable manifest means no tables yet, unless manifests are there and none can be read: a
     * damaged folder, in which table files must be neither read nor deleted.
     */
    private void checkNoDamagedManifest() throws IOException {
        List<String> manifests = fs.list(new Path(dir, SNAPSHOTS)).stream().map(s -> s.getPath().getName())
                .filter(name -> MANIFEST.matcher(name).matches()).sorted().toList();
        if (!manifests.isEmpty()) {
            throw new UncheckedIOException(new IOException("no manifest in " + new Path(dir, SNAPSHOTS)
                    + " can be read (newest: " + manifests.get(manifests.size() - 1) + "), so its tables cannot be told "
                    + "from leftover files: restore the manifest from a backup"));
        }
    }

    /** Whether the folder carries the marker of the snapshot format (checked once true, and every time before). */
    private boolean marked() throws IOException {
        if (!marked) {
            marked = StoreFormat.read(fs, dir).isPresent();
        }
        return marked;
    }

    /**
     * Version 0 of a folder written before snapshots existed: the visible Parquet files of each existing table folder
     * modified before {@code before}.
     */
    private Optional<Snapshot> unpublished(long before) throws IOException {
        Map<Table, List<String>> files = new EnumMap<>(Table.class);
        for (Table table : Table.values()) {
            Path folder = new Path(dir, table.folder());
            if (fs.isDirectory(folder)) {
                files.put(table, fs.list(folder).stream().filter(s -> s.getModificationTime() < before)
                        .map(s -> s.getPath().getName())
                        .filter(name -> !name.startsWith(".") && !name.startsWith("_"))
                        .sorted().map(name -> table.folder() + "/" + name).toList());
            }
        }
        return files.isEmpty() ? Optional.empty() : Optional.of(new Snapshot(0, files));
    }

    private Optional<Snapshot> unpublished() throws IOException {
        return unpublished(Long.MAX_VALUE);
    }

    /**
     * Brings the folder to the current format; only its writer (lock holder) calls this, before it writes anything.
     * A folder without marker or manifest has its table folders published as they are, as the first snapshot, before
     * it is marked; files a writer left there after {@code abandonedSince} are not taken: they are the staged files of
     * a write (by a version without the marker) that was killed before its first publish.
     *
     * @param abandonedSince when the writer whose stale lock this writer took over began; none when there was none
     */
    void prepareForWriting(java.util.OptionalLong abandonedSince) {
        try {
            removeLegacyLeftovers();
            if (!marked()) {
                if (published().isEmpty()) {
                    Optional<Snapshot> legacy = unpublished(abandonedSince.orElse(Long.MAX_VALUE));
                    if (legacy.isPresent()) {
                        writeManifest(new Snapshot(1, legacy.get().files()));
                    }
                }
                StoreFormat.mark(fs, dir);
                marked = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare sweep folder " + dir + " for writing: "
                    + StoreFs.firstLine(e), e);
        }
        removeUnreferenced();
    }

    private void writeManifest(Snapshot snapshot) throws IOException {
        Path manifests = new Path(dir, SNAPSHOTS);
        fs.mkdirs(manifests);
        fs.writeWhole(new Path(manifests, String.format("%020d.json", snapshot.version())), manifest(snapshot));
    }

    /** Whether the sweep folder has this table. */
    boolean exists(Table table) {
        return files(table).isPresent();
    }

    /** @throws UnreadableTableException when a file of the table is not a readable Parquet file */
    Optional<Dataset<Row>> read(Table table) {
        return files(table).map(paths -> paths.isEmpty()
                ? spark.createDataFrame(List.of(), TableSchemas.of(table, List.of()))
                : contents(table, paths).map(contents -> spark.createDataFrame(contents.rows(), contents.schema()))
                .orElseGet(() -> bySpark(table, paths)));
    }

    /**
     * A table's rows with their schema, on this thread: read without Spark when small (no Spark SQL at all, whose first
     * use in a JVM costs a second or more), else collected through Spark. Empty when the table does not exist.
     *
     * @throws UnreadableTableException when a file of the table is not a readable Parquet file
     */
    Optional<ParquetTableFile.Contents> collect(Table table) {
        return files(table).map(paths -> {
            if (paths.isEmpty()) {
                return new ParquetTableFile.Contents(TableSchemas.of(table, List.of()), List.of());
            }
            return contents(table, paths).orElseGet(() -> {
                Dataset<Row> rows = bySpark(table, paths);
                return new ParquetTableFile.Contents(rows.schema(), rows.collectAsList());
            });
        });
    }

    /** Files up to this size in total are read on this thread into local rows rather than by Spark jobs. */
    private static final long IN_MEMORY_BYTES = 32L << 20;

    /**
     * A table's stored rows reshaped to {@code schema} ({@link Conform}); empty when the table does not exist. A writer
     * merges them with new rows: read on this thread when small, and reshaped without Spark unless a column's type
     * changed.
     */
    Optional<List<Row>> rows(Table table, StructType schema) {
        return files(table).map(paths -> {
            if (paths.isEmpty()) {
                return List.of();
            }
            Optional<ParquetTableFile.Contents> contents = contents(table, paths);
            if (contents.isEmpty()) {
                return Conform.to(schema, bySpark(table, paths)).collectAsList();
            }
            StructType stored = contents.get().schema();
            return Conform.rows(schema, stored, contents.get().rows()).orElseGet(() -> Conform.to(schema,
                    spark.createDataFrame(contents.get().rows(), stored)).collectAsList());
        });
    }

    /** The table as Spark reads it: for a large table, or files this thread cannot read as one. */
    private Dataset<Row> bySpark(Table table, List<String> paths) {
        String[] files = paths.toArray(String[]::new);
        return table == Table.PREDICTIONS
                // Its columns never vary, so Spark need not run a job to read a footer for the schema.
                ? spark.read().schema(TableSchemas.of(table, List.of())).parquet(files)
                : spark.read().parquet(files);
    }

    /**
     * A small table's rows read by this thread: what Spark would read, without the Spark jobs. Empty when the table is
     * large (a long sweep's predictions) or its files do not share one schema this thread can read.
     */
    private Optional<ParquetTableFile.Contents> contents(Table table, List<String> paths) {
        List<FileStatus> statuses = new ArrayList<>();
        long bytes = 0;
        for (String file : paths) {
            Optional<FileStatus> status = statusOf(table, file);
            if (status.isEmpty()) {
                return Optional.empty();
            }
            statuses.add(status.get());
            bytes += status.get().getLen();
        }
        if (bytes > IN_MEMORY_BYTES) {
            return Optional.empty();
        }
        StructType schema = null;
        List<Row> rows = new ArrayList<>();
        for (FileStatus status : statuses) {
            Optional<ParquetTableFile.Contents> contents;
            try {
                contents = ParquetTableFile.read(fs.conf(), status);
            } catch (IOException | RuntimeException e) {
                String file = status.getPath().toString();
                throw new UnreadableTableException(file, table, dir.toString(), StoreFs.firstLine(e)
                        .replace(file, "the file"), e instanceof IOException io ? io : new IOException(e));
            }
            if (contents.isEmpty() || (schema != null && !schema.equals(contents.get().schema()))) {
                return Optional.empty();
            }
            schema = contents.get().schema();
            rows.addAll(contents.get().rows());
        }
        return Optional.of(new ParquetTableFile.Contents(schema, rows));
    }

    private Optional<FileStatus> statusOf(Table table, String file) {
        try {
            return fs.status(new Path(file));
        } catch (IOException e) {
            throw new UnreadableTableException(file, table, dir.toString(), StoreFs.firstLine(e), e);
        }
    }

    /**
     * Absolute locations of a table's current files, each checked to be a readable Parquet file.
     *
     * @throws UnreadableTableException naming the first file that is not
     */
    Optional<List<String>> files(Table table) {
        Optional<List<String>> files = current().flatMap(snapshot -> Optional.ofNullable(snapshot.files().get(table)))
                .map(names -> names.stream().map(f -> new Path(dir, f).toString()).toList());
        files.ifPresent(paths -> paths.forEach(path -> checkReadable(table, path)));
        return files;
    }

    /** Reads the file's Parquet footer (a few KB), once per file: what Spark would fail on first. */
    private void checkReadable(Table table, String file) {
        if (readable.contains(file)) {
            return;
        }
        Path path = new Path(file);
        try {
            org.apache.hadoop.fs.FileStatus status = fs.status(path).orElseThrow(
                    () -> new java.io.FileNotFoundException("the file is missing"));
            if (status.getLen() == 0) {
                throw new IOException("the file is empty");
            }
            try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                    org.apache.parquet.hadoop.util.HadoopInputFile.fromStatus(status, fs.conf()))) {
                reader.getFooter();
            }
        } catch (IOException | RuntimeException e) {
            // Parquet's own message starts with the path, which the exception's message names already.
            String reason = StoreFs.firstLine(e).replace(file, "the file").replace(path.toUri().getPath(), "the file");
            throw new UnreadableTableException(file, table, dir.toString(), reason,
                    e instanceof IOException io ? io : new IOException(e));
        }
        readable.add(file);
    }

    /** Starts the next snapshot: tables not written to it keep their current files. */
    Writer writer() {
        return new Writer();
    }

    /** Stages table files, then publishes them all at once. */
    final class Writer {

        private final Snapshot base = current().orElse(Snapshot.NONE);
        private final Map<Table, List<String>> files = new EnumMap<>(Table.class);

        private Writer() {
            files.putAll(base.files());
        }

        /** Writes the table's new version under a fresh name; invisible until {@link #publish}. */
        void write(Table table, StructType schema, Iterable<Row> rows) {
            files.put(table, List.of(stage(table, schema, rows)));
            faults.after("table:" + table.folder());
        }

        /**
         * Adds a file of further rows to the table, keeping its current files; invisible until {@link #publish}. For a
         * table too large to rewrite at every consolidation.
         */
        void add(Table table, StructType schema, Iterable<Row> rows) {
            String relative = stage(table, schema, rows);
            List<String> current = new ArrayList<>(files.getOrDefault(table, List.of()));
            current.add(relative);
            files.put(table, List.copyOf(current));
            faults.after("table:" + table.folder());
        }

        /**
         * Copies a table's current files from the same sweep in another results folder, under the same names below
         * this sweep folder; invisible until {@link #publish}. A copy cut short leaves a staged file that the next
         * writer removes, as for any write.
         */
        void copy(Table table, SweepTables source, List<String> relativeFiles) {
            for (String relative : relativeFiles) {
                Path from = new Path(source.dir, relative);
                Path to = new Path(dir, relative);
                try {
                    fs.mkdirs(to.getParent());
                    if (!org.apache.hadoop.fs.FileUtil.copy(source.fs.fileSystem(), from, fs.fileSystem(), to, false,
                            true, fs.conf())) {
                        throw new IOException("the copy was refused");
                    }
                } catch (java.io.FileNotFoundException e) {
                    throw new UncheckedIOException("table file " + from + " is gone: the sweep's tables changed "
                            + "while they were copied (is the sweep running?); run the command again", e);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + StoreFs.firstLine(e),
                            e);
                }
            }
            files.put(table, List.copyOf(relativeFiles));
            faults.after("table:" + table.folder());
        }

        private String stage(Table table, StructType schema, Iterable<Row> rows) {
            String relative = table.folder() + "/part-00000-" + UUID.randomUUID() + ".snappy.parquet";
            try {
                ParquetTableFile.write(fs, schema, rows, new Path(dir, relative));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write table " + location(table) + ": "
                        + StoreFs.firstLine(e), e);
            }
            return relative;
        }

        /**
         * Makes every staged table visible at once (the next manifest), then deletes what no longer belongs to
         * any table. A crash before the manifest is written leaves the previous snapshot in force.
         */
        void publish(Runnable beforeVisible) {
            beforeVisible.run();
            long version = base.version() + 1;
            try {
                writeManifest(new Snapshot(version, files));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot publish the tables of " + dir + ": " + StoreFs.firstLine(e), e);
            }
            faults.after("publish");
            removeUnreferenced();
        }
    }

    /**
     * Deletes table files and manifests that the newest snapshot does not name: staged files of a write that
     * crashed before publishing (all files of the table folders while a marked folder has no snapshot yet), the
     * files of the snapshot a write replaced, older manifests, temporaries. Only the writer (lock holder) calls this;
     * an unmarked sweep folder without snapshots is left alone.
     */
    void removeUnreferenced() {
        Optional<Snapshot> snapshot;
        boolean snapshots;
        try {
            snapshots = marked();
            snapshot = published();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tables of " + dir + ": " + StoreFs.firstLine(e), e);
        }
        if (snapshot.isEmpty() && !snapshots) {
            removeLegacyLeftovers();
            return;
        }
        if (snapshot.isEmpty()) {
            try {
                checkNoDamagedManifest();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the tables of " + dir + ": " + StoreFs.firstLine(e), e);
            }
        }
        Set<String> keep = new HashSet<>();
        snapshot.ifPresent(s -> s.files().values().forEach(keep::addAll));
        String newest = snapshot.map(s -> String.format("%020d.json", s.version())).orElse(null);
        try {
            for (Table table : Table.values()) {
                for (FileStatus file : fs.list(new Path(dir, table.folder()))) {
                    if (!keep.contains(table.folder() + "/" + file.getPath().getName())) {
                        fs.delete(file.getPath());
                    }
                }
            }
            for (FileStatus manifest : newest == null ? List.<FileStatus>of() : fs.list(new Path(dir, SNAPSHOTS))) {
                if (!manifest.getPath().getName().equals(newest)) {
                    fs.delete(manifest.getPath());
                }
            }
            removeLegacyLeftovers();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up sweep folder " + dir + ": " + StoreFs.firstLine(e), e);
        }
    }

    /**
     * Folders the rename-swapping writer of before 2026-11-30 could leave after a crash: a table moved aside
     * but not yet replaced goes back, temporaries go.
     */
    private void removeLegacyLeftovers() {
        try {
            for (FileStatus entry : fs.list(dir)) {
                String name = entry.getPath().getName();
                for (Table table : Table.values()) {
                    String prefix = "." + table.folder();
                    Path folder = new Path(dir, table.folder());
                    if (name.startsWith(prefix + ".old-") && !fs.exists(folder)) {
                        fs.rename(entry.getPath(), folder);
                    } else if (name.startsWith(prefix + ".old-") || name.startsWith(prefix + StoreFs.TEMP_MARK)) {
                        fs.delete(entry.getPath());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up sweep folder " + dir + ": " + StoreFs.firstLine(e), e);
        }
    }

    private static byte[] manifest(Snapshot snapshot) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", snapshot.version());
        root.put("written_at", java.time.Instant.now().toString());
        ObjectNode tables = root.putObject("tables");
        for (Table table : Table.values()) {
            List<String> files = snapshot.files().get(table);
            if (files != null) {
                ArrayNode list = tables.putArray(table.folder());
                files.forEach(list::add);
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empty for a manifest that is not complete JSON (an object store upload cut short is never visible). */
    private static Optional<Snapshot> parse(byte[] content) {
        try {
            JsonNode root = JSON.readTree(content);
            if (root == null || !root.has("version") || !root.path("tables").isObject()) {
                return Optional.empty();
            }
            Map<Table, List<String>> files = new EnumMap<>(Table.class);
            for (Table table : Table.values()) {
                JsonNode list = root.path("tables").get(table.folder());
                if (list != null && list.isArray()) {
                    List<String> names = new ArrayList<>();
                    list.forEach(n -> names.add(n.asText()));
                    files.put(table, List.copyOf(names));
                }
            }
            return Optional.of(new Snapshot(root.get("version").asLong(), files));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
