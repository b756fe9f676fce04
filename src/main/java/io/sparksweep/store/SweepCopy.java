package io.sparksweep.store;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's tables copied to another results folder as they stand (its current snapshot), to share or commit its
 * numbers: the copy is published as one snapshot like any write, so a copy cut short (kill -9 included) shows no table
 * until the same copy, run again, completes it. Only the tables travel: not the journal, the checkpoints or the saved
 * models.
 */
public final class SweepCopy {

    /**
     * What a copy did.
     *
     * @param alreadyThere    the destination held this very copy already, so nothing was written
     * @param tables          tables in the copy
     * @param files           their files
     * @param bytes           their size
     * @param leftOutBytes    size of the tables left out
     * @param journaledRuns   runs (and reruns' runs) in the source's journal, not yet in its tables, so not in the copy
     */
    public record Copied(boolean alreadyThere, int tables, int files, long bytes, long leftOutBytes, int journaledRuns) {
    }

    private SweepCopy() {
    }

    /**
     * Copies sweep {@code sweep}'s tables from one results folder to another, leaving out the tables named. Run again
     * after a crash, it completes the copy; run again after it completed, it finds the copy there and writes nothing.
     *
     * @throws IllegalArgumentException when the folders are the same, the source has no tables, or the destination
     *                                  holds other tables or runs of that sweep
     * @throws SweepBusyException       when another process writes the destination's sweep folder
     */
    public static Copied copy(org.apache.spark.sql.SparkSession spark, ResultsRoot from, ResultsRoot to, String sweep,
            Set<Table> without) {
        if (from.equals(to)) {
            throw new IllegalArgumentException("the source and the destination are the same results folder: " + from);
        }
        SweepTables source = SweepTables.reader(spark, from, SweepStore.checkName(sweep));
        SweepTables.Snapshot snapshot = sourceSnapshot(source);
        Map<Table, List<String>> wanted = new EnumMap<>(Table.class);
        snapshot.files().forEach((table, files) -> {
            if (!without.contains(table)) {
                wanted.put(table, files);
            }
        });
        // A damaged file is named before anything is created at the destination, rather than copied on.
        wanted.keySet().forEach(source::files);
        try (SweepStore destination = SweepStore.open(spark, to, sweep)) {
            return destination.copyTables(source, snapshot, wanted);
        }
    }

    /**
     * Checks the source before anything is created at the destination.
     *
     * @return the source's snapshot
     * @throws IllegalArgumentException when the source has no tables
     */
    private static SweepTables.Snapshot sourceSnapshot(SweepTables source) {
        return source.current().filter(s -> !s.files().isEmpty()).orElseThrow(() -> new IllegalArgumentException(
                "sweep folder " + source.dir() + " has no tables to copy" + (journaledRuns(source) > 0
                        ? " (its finished runs are in its journal: run its command again to publish them first)"
                        : "")));
    }

    /**
     * @param wanted      the tables of the source's snapshot to copy, with their files
     * @param destination the destination sweep's tables, whose writer (lock holder) calls this
     * @param journal     the destination's journal: a sweep with runs of its own is never overwritten
     * @throws IllegalArgumentException when the destination already holds other tables or runs of this sweep
     */
    static Copied into(SweepTables source, SweepTables.Snapshot snapshot, Map<Table, List<String>> wanted,
            SweepTables destination, RunJournal journal) {
        Map<Table, Long> sizes = sizes(source, snapshot.files());
        long bytes = wanted.keySet().stream().mapToLong(sizes::get).sum();
        long leftOut = sizes.values().stream().mapToLong(Long::longValue).sum() - bytes;
        int files = wanted.values().stream().mapToInt(List::size).sum();
        int journaled = journaledRuns(source);
        java.util.Optional<SweepTables.Snapshot> there = destination.current();
        if (there.isPresent() && there.get().files().equals(wanted)) {
            return new Copied(true, wanted.size(), files, bytes, leftOut, journaled);
        }
        if (there.isPresent() || !journal.entries().isEmpty()) {
            throw new IllegalArgumentException("sweep folder " + destination.dir() + " already holds "
                    + (there.isPresent() ? "other tables" : "runs") + " of sweep " + destination.dir().getName()
                    + ": copy to another results folder, or move that sweep folder aside first");
        }
        SweepTables.Writer writer = destination.writer();
        wanted.forEach((table, names) -> writer.copy(table, source, names));
        writer.publish(() -> { });
        return new Copied(false, wanted.size(), files, bytes, leftOut, journaled);
    }

    /** Each table's size in bytes, its files' lengths read once. */
    private static Map<Table, Long> sizes(SweepTables source, Map<Table, List<String>> tables) {
        Map<Table, Long> sizes = new EnumMap<>(Table.class);
        tables.forEach((table, files) -> {
            long bytes = 0;
            for (String relative : files) {
                Path file = new Path(source.dir(), relative);
                try {
                    bytes += source.fs().status(file).orElseThrow(() -> new UncheckedIOException(
                            new IOException("table file " + file + " is missing"))).getLen();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file + ": " + StoreFs.firstLine(e), e);
                }
            }
            sizes.put(table, bytes);
        });
        return sizes;
    }

    /** Entries of the source's journal (runs not yet in its tables): counted, never read or changed. */
    private static int journaledRuns(SweepTables source) {
        try {
            List<FileStatus> entries = source.fs().list(new Path(source.dir(), SweepStore.JOURNAL_FOLDER));
            return (int) entries.stream().map(s -> s.getPath().getName())
                    .filter(name -> !name.startsWith(".") && !StoreFs.isTemporary(name)).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.dir() + ": " + StoreFs.firstLine(e), e);
        }
    }
}
