package io.sparksweep.store;

import io.sparksweep.run.RunRecord;
import io.sparksweep.run.TestPredictions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Finished runs not yet in the tables, a sweep's and a rerun's alike: one JSON file per run ({@link RunRecordJson}),
 * written whole ({@link StoreFs#writeWhole}), so every {@code .json} file in the folder is complete. Safe to call from
 * several driver threads at once: each run gets its own file.
 */
final class RunJournal {

    /**
     * A journal file and the run it holds.
     *
     * @param encodedPredictions the run's test predictions as journaled ({@link PredictionCodec}); null when it has
     *                           none (not ok, or journaled before runs kept them)
     * @param rerun              what makes it a run of a rerun (rows of the rerun tables); null for a sweep's run
     */
    record Entry(Path file, RunRecord run, String encodedPredictions, RerunRecord rerun) {

        Entry(Path file, RunRecord run) {
            this(file, run, null, null);
        }

        boolean isRerun() {
            return rerun != null;
        }

        /** Decoded on demand: only a consolidation that writes them needs them. */
        Optional<TestPredictions> predictions() {
            if (encodedPredictions == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(PredictionCodec.decode(encodedPredictions));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("unreadable journal entry " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static final String SUFFIX = ".json";

    private final StoreFs fs;
    private final Path dir;
    private final RunRecordJson json = new RunRecordJson();

    /** A journal in a local folder. */
    RunJournal(java.nio.file.Path localDir) {
        this(StoreFs.of(ResultsRoot.of(localDir), new Configuration()), new Path(ResultsRoot.of(localDir).uri()));
    }

    RunJournal(StoreFs fs, Path dir) {
        this.fs = fs;
        this.dir = dir;
        try {
            fs.mkdirs(dir);
            // A leftover temporary is a write that died before its rename: that run was never durable.
            for (FileStatus stale : fs.list(dir)) {
                String name = stale.getPath().getName();
                if (StoreFs.isTemporary(name) || name.startsWith(".") && name.endsWith(".tmp")) {
                    fs.delete(stale.getPath());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use journal folder " + dir + ": " + StoreFs.firstLine(e), e);
        }
    }

    void append(RunRecord run) {
        append(run, null);
    }

    /** @param predictions the run's test predictions, journaled in the same file; null for none */
    void append(RunRecord run, TestPredictions predictions) {
        write(safe(run.trialId()) + "_" + run.seed(), run, json.write(run, predictions));
    }

    /** A rerun's run, named by its run id. */
    void append(RerunRecord rerun) {
        write("rerun_" + safe(rerun.runId()), rerun.run(), json.write(rerun));
    }

    private void write(String prefix, RunRecord run, byte[] content) {
        Path target = new Path(dir, prefix + "_" + run.finishedAt() + "_" + UUID.randomUUID() + SUFFIX);
        try {
            fs.writeWhole(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal entry " + target + ": " + StoreFs.firstLine(e), e);
        }
    }

    /** All complete entries, oldest run first. */
    List<Entry> entries() {
        try {
            List<Entry> out = new ArrayList<>();
            for (FileStatus status : fs.list(dir)) {
                String name = status.getPath().getName();
                if (name.endsWith(SUFFIX) && !name.startsWith(".")) {
                    // Gone between list and read: another consolidation of this folder consumed it.
                    fs.read(status.getPath()).ifPresent(bytes -> {
                        RunRecordJson.Read read = json.readEntry(bytes, status.getPath().toString());
                        out.add(new Entry(status.getPath(), read.run(), read.predictions(), read.rerun()));
                    });
                }
            }
            out.sort((a, b) -> a.run().finishedAt() != b.run().finishedAt()
                    ? Long.compare(a.run().finishedAt(), b.run().finishedAt())
                    : a.file().getName().compareTo(b.file().getName()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal folder " + dir + ": " + StoreFs.firstLine(e), e);
        }
    }

    void remove(List<Entry> consumed, StoreFaults faults) {
        try {
            for (Entry entry : consumed) {
                fs.delete(entry.file());
                faults.after("journal");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean journal folder " + dir + ": " + StoreFs.firstLine(e), e);
        }
    }

    void remove(List<Entry> consumed) {
        remove(consumed, StoreFaults.NONE);
    }

    static String safe(String trialId) {
        String cleaned = trialId == null ? "trial" : trialId.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.length() > 80 ? cleaned.substring(0, 80) : cleaned;
    }
}
