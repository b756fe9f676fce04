package io.sparksweep.results;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The on-disk home of one sweep: {@code <resultsRoot>/<sweep>/} with one Parquet folder per table
 * ({@code runs, epochs, classes, confusion, trials, summary, sweep}) and a journal ({@code _journal/}) of
 * finished runs that are not yet in the tables.
 *
 * <p>Contract used by the engine (driver side only):
 * <ul>
 *   <li>{@link #journal(RunRecord)} is called once per finished run, as soon as it finishes; the run
 *   is durable when it returns (atomic file write), so a crash of the driver loses nothing.</li>
 *   <li>{@link #finishedRuns()} = runs already in the {@code runs} table or the journal whose status is
 *   ok or diverged; {@link #failedRuns()} = runs recorded as failed and not finished since (the engine retries
 *   them only when asked).</li>
 *   <li>{@link #consolidate} merges the journal into the tables (a newer record of the same
 *   (trial, seed) replaces an older failed one; a failed record never replaces a finished one),
 *   recomputes {@code summary}, writes {@code trials} and {@code sweep}, each table atomically, then
 *   removes the journal entries it consumed.</li>
 * </ul>
 * The folder must be visible to the driver and, since Spark writes the tables, to the executors too:
 * a local master, or a shared file system on a cluster. One process writes a sweep folder at a time
 * ({@link #journal} may be called from several driver threads). The {@code sweep} column of every table
 * is this store's sweep name, the folder's name.
 */
public final class SweepStore {

    private static final String JOURNAL_FOLDER = "_journal";

    private final SparkSession spark;
    private final String sweepName;
    private final Path sweepDir;
    private final SweepTables tables;
    private final RunJournal journal;

    /**
     * Creates the sweep folder if needed and checks that it can be written, so a bad results folder fails
     * here rather than after hours of training; also cleans up after a crash in the middle of a table write.
     *
     * @throws IllegalArgumentException if the sweep name cannot be a folder name
     * @throws UncheckedIOException     if the results folder cannot be written
     */
    public SweepStore(SparkSession spark, Path resultsRoot, String sweepName) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.sweepName = checkName(sweepName);
        this.sweepDir = resultsRoot.toAbsolutePath().normalize().resolve(sweepName);
        ensureWritable(resultsRoot.toAbsolutePath().normalize(), sweepDir);
        this.tables = new SweepTables(spark, sweepDir);
        tables.recoverInterruptedWrites();
        this.journal = new RunJournal(sweepDir.resolve(JOURNAL_FOLDER));
    }

    public Path sweepDir() {
        return sweepDir;
    }

    public void journal(RunRecord run) {
        if (!Set.of(RunRecord.OK, RunRecord.FAILED, RunRecord.DIVERGED).contains(run.status())) {
            throw new IllegalArgumentException("run " + run.key() + " has status '" + run.status()
                    + "'; expected ok, failed or diverged");
        }
        journal.append(run);
    }

    public Set<RunKey> finishedRuns() {
        Set<RunKey> finished = new HashSet<>();
        tables.read(Table.RUNS).ifPresent(runs -> {
            Dataset<Row> keys = runs.filter(functions.col("status").notEqual(RunRecord.FAILED))
                    .select("trial_id", "seed");
            keys.collectAsList().forEach(r -> finished.add(new RunKey(r.getString(0), r.getLong(1))));
        });
        journal.entries().stream().map(RunJournal.Entry::run)
                .filter(run -> RunStanding.of(run).finished())
                .forEach(run -> finished.add(run.key()));
        return finished;
    }

    /** Like {@link #finishedRuns()}, with each run's status and test metrics: what a race replays on resume. */
    public List<RunScore> finishedScores() {
        java.util.Map<RunKey, RunScore> scores = new java.util.LinkedHashMap<>();
        tables.read(Table.RUNS).ifPresent(runs -> runs.filter(functions.col("status").notEqual(RunRecord.FAILED))
                .select("trial_id", "seed", "status", "test_accuracy", "test_loss").collectAsList()
                .forEach(r -> scores.put(new RunKey(r.getString(0), r.getLong(1)), new RunScore(r.getString(0),
                        r.getLong(1), r.getString(2), r.isNullAt(3) ? Double.NaN : r.getDouble(3),
                        r.isNullAt(4) ? Double.NaN : r.getDouble(4)))));
        journal.entries().stream().map(RunJournal.Entry::run)
                .filter(run -> RunStanding.of(run).finished())
                .forEach(run -> scores.put(run.key(), RunScore.of(run)));
        return List.copyOf(scores.values());
    }

    /** Replaces the {@code race} table (atomically, like every table) with these decisions. */
    public void writeRace(List<RaceRecord> decisions) {
        List<Row> rows = decisions.stream().map(d -> (Row) org.apache.spark.sql.RowFactory.create(sweepName,
                d.seeds(), d.afterRuns(), d.trialId(), d.action(), d.againstTrialId(), d.mean(), d.againstMean(),
                d.pValue(), d.threshold())).toList();
        tables.write(Table.RACE, TableSchemas.of(Table.RACE, List.of()), rows);
    }

    /**
     * Runs whose latest record says failed (in the tables or the journal) and that have not finished since:
     * the engine leaves them alone unless asked to retry failed runs.
     */
    public Set<RunKey> failedRuns() {
        Set<RunKey> failed = new HashSet<>();
        tables.read(Table.RUNS).ifPresent(runs -> runs.filter(functions.col("status").equalTo(RunRecord.FAILED))
                .select("trial_id", "seed").collectAsList()
                .forEach(r -> failed.add(new RunKey(r.getString(0), r.getLong(1)))));
        journal.entries().stream().map(RunJournal.Entry::run)
                .filter(run -> RunRecord.FAILED.equals(run.status()))
                .forEach(run -> failed.add(run.key()));
        failed.removeAll(finishedRuns());
        return failed;
    }

    /**
     * @param info   the row of the {@code sweep} table
     * @param trials every configuration of the current spec; stored trials of other ids are kept
     */
    public void consolidate(SweepInfo info, List<TrialRecord> trials) {
        Objects.requireNonNull(info, "info");
        List<RunJournal.Entry> entries = journal.entries();
        new Consolidation(sweepName, tables).run(entries.stream().map(RunJournal.Entry::run).toList(),
                info, trials);
        journal.remove(entries);
    }

    /**
     * Writes a file below the sweep folder (a saved model, its provenance) atomically: readers see the old
     * content or the new, never part of it. Every file the product writes under a results root goes through
     * the store, so the store alone decides how (local file system, HDFS, object store).
     *
     * @param relative slash-separated path below the sweep folder, e.g. {@code models/abc-42/model.zip}
     */
    public void writeFile(String relative, byte[] content) {
        Path target = sweepDir.resolve(relative).normalize();
        if (!target.startsWith(sweepDir)) {
            throw new IllegalArgumentException("'" + relative + "' is outside sweep folder " + sweepDir);
        }
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp-" + java.util.UUID.randomUUID());
        try {
            Files.createDirectories(target.getParent());
            Files.write(temp, content);
            Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** A file below the sweep folder written by {@link #writeFile}, or empty when there is none. */
    public java.util.Optional<byte[]> readFile(String relative) {
        Path file = sweepDir.resolve(relative).normalize();
        try {
            return Files.isRegularFile(file) ? java.util.Optional.of(Files.readAllBytes(file)) : java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("sweep name '" + name
                    + "' must start with a letter or digit and contain only letters, digits, '.', '_' and '-'");
        }
        return name;
    }

    private static void ensureWritable(Path root, Path sweepDir) {
        try {
            Files.createDirectories(sweepDir);
            Files.delete(Files.createTempFile(sweepDir, ".write-check", ".tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("results folder " + root + " cannot be written: " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied (" + denied.getFile() + ")";
        } else if (e instanceof FileAlreadyExistsException inTheWay) {
            return "a file is in the way (" + inTheWay.getFile() + ")";
        } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + " (" + fs.getFile() + ")";
        }
        return e.toString();
    }
}
