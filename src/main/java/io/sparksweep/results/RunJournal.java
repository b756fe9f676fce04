package io.sparksweep.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Finished runs not yet in the tables: one JSON file per run. A file is written under a temporary name,
 * flushed to disk and then renamed, so every {@code .json} file in the folder is complete. Safe to call
 * from several driver threads at once: each run gets its own file.
 */
final class RunJournal {

    /** A journal file and the run it holds. */
    record Entry(Path file, RunRecord run) {
    }

    private static final String SUFFIX = ".json";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path dir;
    private final RunRecordJson json = new RunRecordJson();

    RunJournal(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            // A leftover temp file is a write that died before its rename: that run was never durable.
            try (Stream<Path> files = Files.list(dir)) {
                for (Path stale : files.filter(f -> f.getFileName().toString().endsWith(TEMP_SUFFIX)).toList()) {
                    Files.deleteIfExists(stale);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use journal folder " + dir + ": " + e.getMessage(), e);
        }
    }

    void append(RunRecord run) {
        String name = safe(run.trialId()) + "_" + run.seed() + "_" + run.finishedAt() + "_" + UUID.randomUUID()
                + SUFFIX;
        Path target = dir.resolve(name);
        Path temp = dir.resolve("." + name + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(json.write(run));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal entry " + target + ": " + e.getMessage(), e);
        }
    }

    /** All complete entries, oldest run first. */
    List<Entry> entries() {
        try (Stream<Path> files = Files.list(dir)) {
            List<Entry> out = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                out.add(new Entry(file, json.read(Files.readAllBytes(file), file.toString())));
            }
            out.sort((a, b) -> Long.compare(a.run().finishedAt(), b.run().finishedAt()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal folder " + dir + ": " + e.getMessage(), e);
        }
    }

    void remove(List<Entry> consumed) {
        try {
            for (Entry entry : consumed) {
                Files.deleteIfExists(entry.file());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean journal folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String safe(String trialId) {
        String cleaned = trialId == null ? "trial" : trialId.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.length() > 80 ? cleaned.substring(0, 80) : cleaned;
    }
}
