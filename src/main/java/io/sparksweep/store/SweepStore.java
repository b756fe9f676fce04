package io.sparksweep.store;

import io.sparksweep.run.RunKey;
import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunStatus;
import io.sparksweep.run.TestPredictions;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.sparksweep.store.ColumnNames.BEST_EPOCH;
import static io.sparksweep.store.ColumnNames.EPOCH;
import static io.sparksweep.store.ColumnNames.RUN_ID;
import static io.sparksweep.store.ColumnNames.SEED;
import static io.sparksweep.store.ColumnNames.STATUS;
import static io.sparksweep.store.ColumnNames.TEST_ACCURACY;
import static io.sparksweep.store.ColumnNames.TEST_LOSS;
import static io.sparksweep.store.ColumnNames.TRIAL_ID;
import static io.sparksweep.store.ColumnNames.VAL_ACCURACY;
import static io.sparksweep.store.ColumnNames.VAL_LOSS;

/**
 * The home of one sweep: {@code <resultsRoot>/<sweep>/} on any Hadoop file system, with one Parquet folder per
 * table ({@code runs, epochs, classes, confusion, trials, summary, sweep}), the snapshot manifests that say
 * which files are current ({@code _snapshots/}, see {@link SweepTables}), the store format marker
 * ({@code _format}, see {@link StoreFormat}), a journal ({@code _journal/}) of finished runs that are not yet in the
 * tables (a sweep's runs, and a rerun's: {@link #journal(RerunRecord)}), and the writer's lock ({@code _lock}, see
 * {@link SweepLock}).
 *
 * <p>A store is the one writer of its sweep folder: opening it takes the lock (or fails at once with
 * {@link SweepBusyException} naming the owner), {@link #close()} releases it. Readers ({@link SqlViews},
 * {@link SweepResults}) need no lock and see a whole snapshot.
 *
 * <p>Contract used by the engine (driver side only):
 * <ul>
 *   <li>{@link #journal(RunRecord)} is called once per finished run, as soon as it finishes; the run
 *   is durable when it returns (whole-file write), so a crash of the driver loses nothing.</li>
 *   <li>{@link #finishedRuns()} = runs already in the {@code runs} table or the journal whose status is
 *   ok or diverged; {@link #failedRuns()} = runs recorded as failed and not finished since (the engine retries
 *   them only when asked).</li>
 *   <li>{@link #consolidate} merges the journal into the tables (a newer record of the same
 *   (trial, seed) replaces an older failed one; a failed record never replaces a finished one),
 *   recomputes {@code summary}, writes {@code trials} and {@code sweep}, publishes all of them as one
 *   snapshot, and only then removes the journal entries it consumed. Consolidating again after a crash at any
 *   point ends with the same tables.</li>
 * </ul>
 * The sweep folder is written by the driver only; Spark reads the tables, so on a cluster the results root
 * must be reachable from the executors too (HDFS, an object store, a shared mount). The {@code sweep} column of
 * every table is this store's sweep name, the folder's name.
 */
public final class SweepStore implements AutoCloseable {

    static final String JOURNAL_FOLDER = "_journal";

    private final String sweepName;
    private final ResultsRoot root;
    private final StoreFs fs;
    private final Path sweepDir;
    private final SweepTables tables;
    private final RunJournal journal;
    private final LegacyRerunJournal legacyReruns;
    private final SweepLock lock;
    private final StoreFaults faults;

    /** Same as {@link #open(SparkSession, ResultsRoot, String)} with a local folder. */
    public SweepStore(SparkSession spark, java.nio.file.Path resultsRoot, String sweepName) {
        this(spark, ResultsRoot.of(resultsRoot), sweepName);
    }

    /** Same as {@link #open(SparkSession, ResultsRoot, String)}. */
    public SweepStore(SparkSession spark, ResultsRoot resultsRoot, String sweepName) {
        this(spark, resultsRoot, sweepName, SweepLock.DEFAULT_LEASE, StoreFaults.NONE);
    }

    SweepStore(SparkSession spark, ResultsRoot resultsRoot, String sweepName, Duration lease, StoreFaults faults) {
        Objects.requireNonNull(spark, "spark");
        this.sweepName = checkName(sweepName);
        this.root = Objects.requireNonNull(resultsRoot, "resultsRoot");
        this.faults = faults;
        this.fs = StoreFs.of(resultsRoot, spark.sparkContext().hadoopConfiguration());
        this.sweepDir = new Path(resultsRoot.sweepLocation(sweepName));
        ensureWritable();
        this.lock = SweepLock.acquire(fs, sweepDir, location(), lease);
        try {
            this.tables = new SweepTables(spark, fs, sweepDir, faults);
            tables.prepareForWriting(lock.abandonedSince());
            this.journal = new RunJournal(fs, new Path(sweepDir, JOURNAL_FOLDER));
            this.legacyReruns = new LegacyRerunJournal(fs, sweepDir);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Opens a sweep folder for writing: creates it if needed, checks it can be written (so a bad results folder
     * fails here rather than after hours of training), takes its lock, marks its store format, and cleans up after a
     * crash in the middle of a table write. Close the store to release the lock.
     *
     * @throws IllegalArgumentException if the sweep name cannot be a folder name
     * @throws SweepBusyException       if another live process writes this sweep folder
     * @throws UncheckedIOException     if the results folder cannot be written
     */
    public static SweepStore open(SparkSession spark, ResultsRoot resultsRoot, String sweepName) {
        return new SweepStore(spark, resultsRoot, sweepName);
    }

    /** The sweep folder on a local results root. */
    public java.nio.file.Path sweepDir() {
        return root.localPath().resolve(sweepName);
    }

    /** The sweep folder as users name it: a local path, or a URI such as {@code hdfs://nn:8020/sweeps/quick}. */
    public String location() {
        return root.sweepFolder(sweepName);
    }

    public ResultsRoot root() {
        return root;
    }

    /** When the lock was taken over from an owner that is gone: the line saying so, for the user. */
    public Optional<String> lockTakeover() {
        return lock.takeover();
    }

    public void journal(RunRecord run) {
        journal(run, null);
    }

    /**
     * As {@link #journal(RunRecord)}, with the run's per-item test predictions in the same entry (the
     * {@code predictions} table).
     *
     * @param predictions null when the run has none (it did not end ok)
     */
    public void journal(RunRecord run, TestPredictions predictions) {
        if (run.status() == null) {
            throw new IllegalArgumentException("run " + run.key() + " has no status");
        }
        journal.append(run, run.ok() ? predictions : null);
    }

    public Set<RunKey> finishedRuns() {
        Set<RunKey> finished = new HashSet<>();
        tables.read(Table.RUNS).ifPresent(runs -> {
            Dataset<Row> keys = runs.filter(functions.col(STATUS).notEqual(RunStatus.FAILED.label()))
                    .select(TRIAL_ID, SEED);
            keys.collectAsList().forEach(r -> finished.add(new RunKey(r.getString(0), r.getLong(1))));
        });
        sweepEntries().map(RunJournal.Entry::run)
                .filter(run -> RunStanding.of(run).finished())
                .forEach(run -> finished.add(run.key()));
        return finished;
    }

    /**
     * Like {@link #finishedRuns()}, with each run's status, test metrics and validation metrics at its best epoch:
     * what a search replays on resume.
     */
    public List<RunScore> finishedScores() {
        java.util.Map<RunKey, RunScore> scores = new java.util.LinkedHashMap<>();
        tables.read(Table.RUNS).ifPresent(runs -> storedScores(runs)
                .forEach(score -> scores.put(new RunKey(score.trialId(), score.seed()), score)));
        sweepEntries().map(RunJournal.Entry::run)
                .filter(run -> RunStanding.of(run).finished())
                .forEach(run -> scores.put(run.key(), RunScore.of(run)));
        return List.copyOf(scores.values());
    }

    /**
     * Finished runs of the tables with their validation metrics at the best epoch: from the runs table's own columns;
     * for ok runs whose row lacks them (tables written before runs carried them) from the epochs table, joined on the
     * best epoch.
     */
    private List<RunScore> storedScores(Dataset<Row> runs) {
        Dataset<Row> finished = runs.filter(functions.col("status").notEqual(RunStatus.FAILED.label()));
        List<String> columns = List.of(runs.columns());
        boolean carried = columns.contains("val_accuracy") && columns.contains("val_loss");
        Dataset<Row> selected = carried
                ? finished.select("trial_id", "seed", "status", "test_accuracy", "test_loss", "val_accuracy", "val_loss")
                : finished.select(functions.col("trial_id"), functions.col("seed"), functions.col("status"),
                functions.col("test_accuracy"), functions.col("test_loss"),
                functions.lit(null).cast(org.apache.spark.sql.types.DataTypes.DoubleType).as("val_accuracy"),
                functions.lit(null).cast(org.apache.spark.sql.types.DataTypes.DoubleType).as("val_loss"));
        List<RunScore> out = new java.util.ArrayList<>();
        Set<RunKey> lacking = new HashSet<>();
        for (Row r : selected.collectAsList()) {
            RunScore score = new RunScore(r.getString(0), r.getLong(1), RunStatus.of(r.getString(2)), orNaN(r, 3),
                    orNaN(r, 4), orNaN(r, 5), orNaN(r, 6));
            out.add(score);
            if (score.status() == RunStatus.OK && r.isNullAt(5)) {
                lacking.add(new RunKey(score.trialId(), score.seed()));
            }
        }
        if (lacking.isEmpty()) {
            return out;
        }
        java.util.Map<RunKey, double[]> fromEpochs = new java.util.HashMap<>();
        tables.read(Table.EPOCHS).ifPresent(epochs -> finished.select("trial_id", "seed", "best_epoch")
                .join(epochs.select("trial_id", "seed", "epoch", "val_accuracy", "val_loss"),
                        finished.col("trial_id").equalTo(epochs.col("trial_id"))
                                .and(finished.col("seed").equalTo(epochs.col("seed")))
                                .and(finished.col("best_epoch").equalTo(epochs.col("epoch"))))
                .select(finished.col("trial_id"), finished.col("seed"), epochs.col("val_accuracy"), epochs.col("val_loss"))
                .collectAsList().forEach(r -> fromEpochs.put(new RunKey(r.getString(0), r.getLong(1)),
                        new double[] {orNaN(r, 2), orNaN(r, 3)})));
        return out.stream().map(score -> {
            RunKey key = new RunKey(score.trialId(), score.seed());
            double[] validation = lacking.contains(key) ? fromEpochs.get(key) : null;
            return validation == null ? score : new RunScore(score.trialId(), score.seed(), score.status(),
                    score.testAccuracy(), score.testLoss(), validation[0], validation[1]);
        }).toList();
    }

    private static double orNaN(Row row, int column) {
        return row.isNullAt(column) ? Double.NaN : row.getDouble(column);
    }

    /**
     * Runs whose latest record says failed (in the tables or the journal) and that have not finished since:
     * the engine leaves them alone unless asked to retry failed runs.
     */
    public Set<RunKey> failedRuns() {
        Set<RunKey> failed = new HashSet<>();
        tables.read(Table.RUNS).ifPresent(runs -> runs.filter(functions.col(STATUS).equalTo(RunStatus.FAILED.label()))
                .select(TRIAL_ID, SEED).collectAsList()
                .forEach(r -> failed.add(new RunKey(r.getString(0), r.getLong(1)))));
        sweepEntries().map(RunJournal.Entry::run)
                .filter(run -> run.status() == RunStatus.FAILED)
                .forEach(run -> failed.add(run.key()));
        failed.removeAll(finishedRuns());
        return failed;
    }

    /**
     * @param info   the row of the {@code sweep} table
     * @param trials every configuration of the current spec; stored trials of other ids are kept
     * @throws SweepBusyException if this process lost its lock (it was presumed dead); nothing is published
     */
    public void consolidate(SweepInfo info, List<TrialRecord> trials) {
        consolidate(info, trials, List.of());
    }

    /**
     * As {@link #consolidate(SweepInfo, List)}, and replaces a search strategy's tables in the same snapshot.
     *
     * @param decisions the strategy's tables as they stand now (see {@link DecisionTable})
     */
    public void consolidate(SweepInfo info, List<TrialRecord> trials, List<DecisionTable> decisions) {
        Objects.requireNonNull(info, "info");
        List<RunJournal.Entry> entries = entries();
        new Consolidation(sweepName, tables).run(entries, info, trials, decisions, lock::check);
        journal.remove(entries, faults);
    }

    /**
     * Journals a finished run of a rerun (see {@link RerunRecord}), in the same journal as the sweep's runs: durable
     * when this returns. Its rows go to the {@code reruns}, {@code rerun_epochs} and {@code rerun_classes} tables at
     * the next consolidation of either kind.
     */
    public void journal(RerunRecord rerun) {
        if (rerun.run().status() == null) {
            throw new IllegalArgumentException("rerun " + rerun.runId() + " has no status");
        }
        journal.append(rerun);
        faults.after("rerun journal");
    }

    /**
     * Run ids of the reruns in the {@code reruns} table or the journal that ended ok or diverged: what a resumed rerun
     * skips (failed runs are trained again).
     */
    public Set<String> finishedReruns() {
        Set<String> finished = new java.util.TreeSet<>();
        tables.read(Table.RERUNS).ifPresent(t -> t.filter(functions.col(STATUS).notEqual(RunStatus.FAILED.label()))
                .select(RUN_ID).collectAsList().forEach(r -> finished.add(r.getString(0))));
        entries().stream().filter(RunJournal.Entry::isRerun).filter(e -> RunStanding.of(e.run()).finished())
                .forEach(e -> finished.add(e.rerun().runId()));
        return finished;
    }

    /**
     * Merges the journaled reruns into the rerun tables (a newer record of the same run id replaces an older failed
     * one, a failed record never replaces a finished one), publishes them as one snapshot, then removes the entries it
     * consumed; the sweep's own tables and its runs' entries are left alone. Publishes nothing when no entry wins.
     *
     * @throws SweepBusyException if this process lost its lock; nothing is published
     */
    public void consolidateReruns() {
        List<RunJournal.Entry> reruns = entries().stream().filter(RunJournal.Entry::isRerun).toList();
        new Consolidation(sweepName, tables).reruns(reruns, lock::check);
        journal.remove(reruns, faults);
    }

    /** Publishes a copy of another folder's tables of this sweep as this folder's tables ({@link SweepCopy}). */
    SweepCopy.Copied copyTables(SweepTables source, SweepTables.Snapshot snapshot,
            java.util.Map<Table, List<String>> wanted) {
        lock.check();
        return SweepCopy.into(source, snapshot, wanted, tables, journal);
    }

    /** The {@code reruns} table as of now, if any rerun was consolidated. */
    public Optional<Dataset<Row>> rerunTable() {
        return tables.read(Table.RERUNS);
    }

    /** The sweep's runs in the journal (not a rerun's). */
    private java.util.stream.Stream<RunJournal.Entry> sweepEntries() {
        return journal.entries().stream().filter(e -> !e.isRerun());
    }

    /** Every journal entry: the journal's, and those a version that journaled reruns apart left. */
    private List<RunJournal.Entry> entries() {
        List<RunJournal.Entry> all = new java.util.ArrayList<>(journal.entries());
        all.addAll(legacyReruns.entries());
        return all;
    }

    /**
     * Writes a file below the sweep folder (a saved model, its provenance) whole: readers see the old content
     * or the new, never part of it. Every file the product writes under a results root goes through the store,
     * so the store alone decides how (local file system, HDFS, object store).
     *
     * @param relative slash-separated path below the sweep folder, e.g. {@code models/abc-42/model.zip}
     */
    public void writeFile(String relative, byte[] content) {
        Path target = resolve(relative);
        try {
            fs.mkdirs(target.getParent());
            fs.writeWhole(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + StoreFs.firstLine(e), e);
        }
    }

    /** A file below the sweep folder written by {@link #writeFile}, or empty when there is none. */
    public Optional<byte[]> readFile(String relative) {
        Path file = resolve(relative);
        try {
            return fs.isDirectory(file) ? Optional.empty() : fs.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + StoreFs.firstLine(e), e);
        }
    }

    /** Releases the lock. Journaled runs stay durable whether or not the store was consolidated. */
    @Override
    public void close() {
        lock.close();
    }

    private Path resolve(String relative) {
        String normal = relative == null ? "" : relative.replace('\\', '/');
        List<String> parts = List.of(normal.split("/"));
        if (normal.isBlank() || normal.startsWith("/") || parts.stream().anyMatch(p -> p.equals("..") || p.isEmpty())) {
            throw new IllegalArgumentException("'" + relative + "' is outside sweep folder " + location());
        }
        return new Path(sweepDir, normal);
    }

    /**
     * Names of the complete files {@link #writeFile} left in a folder below the sweep folder (a write in progress is
     * not listed), sorted; none when the folder does not exist.
     */
    public List<String> listFiles(String relativeDir) {
        Path dir = resolve(relativeDir);
        try {
            if (!fs.isDirectory(dir)) {
                return List.of();
            }
            return fs.list(dir).stream().filter(FileStatus::isFile).map(f -> f.getPath().getName())
                    .filter(name -> !name.startsWith(".") && !StoreFs.isTemporary(name)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + StoreFs.firstLine(e), e);
        }
    }

    /** Removes a file written by {@link #writeFile}; nothing happens if it is already gone. */
    public void deleteFile(String relative) {
        Path file = resolve(relative);
        try {
            fs.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + StoreFs.firstLine(e), e);
        }
    }

    static String checkName(String name) {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("sweep name '" + name
                    + "' must start with a letter or digit and contain only letters, digits, '.', '_' and '-'");
        }
        return name;
    }

    private void ensureWritable() {
        Path probe = new Path(sweepDir, ".write-check" + StoreFs.TEMP_MARK + java.util.UUID.randomUUID());
        try {
            fs.mkdirs(sweepDir);
            fs.writeWhole(probe, new byte[0]);
            fs.delete(probe);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("results folder " + root + " cannot be written: " + reason(e),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static String reason(Exception e) {
        if (e instanceof org.apache.hadoop.security.AccessControlException
                || e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied (" + StoreFs.firstLine(e) + ")";
        } else if (e instanceof org.apache.hadoop.fs.FileAlreadyExistsException
                || e instanceof org.apache.hadoop.fs.ParentNotDirectoryException) {
            return "a file is in the way (" + StoreFs.firstLine(e) + ")";
        }
        return StoreFs.firstLine(e);
    }
}
