package io.sparksweep.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksweep.run.RunRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The rerun journal of versions that kept reruns apart ({@value #FOLDER}, rerun journal format 1: {@code runId},
 * {@code fullTrain}, {@code maxEpochs}, {@code modelPath} and the run as a journal entry under {@code run}). Read only:
 * its entries join the journal's ({@link RunJournal}) as rerun entries, go into the rerun tables at the next
 * consolidation, and are then deleted like any consumed entry; this version never writes there.
 */
final class LegacyRerunJournal {

    static final String FOLDER = "_rerun_journal";
    private static final int FORMAT = 1;

    private final StoreFs fs;
    private final Path dir;
    private final ObjectMapper mapper = new ObjectMapper();
    private final RunRecordJson runJson = new RunRecordJson();

    LegacyRerunJournal(StoreFs fs, Path sweepDir) {
        this.fs = fs;
        this.dir = new Path(sweepDir, FOLDER);
    }

    /** Its complete entries (a write of the old version that never finished is a hidden temporary: never read). */
    List<RunJournal.Entry> entries() {
        try {
            List<RunJournal.Entry> out = new ArrayList<>();
            for (FileStatus status : fs.list(dir)) {
                String name = status.getPath().getName();
                if (status.isFile() && name.endsWith(".json") && !name.startsWith(".") && !StoreFs.isTemporary(name)) {
                    fs.read(status.getPath()).ifPresent(bytes -> out.add(read(status.getPath(), bytes)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rerun journal folder " + dir + ": " + StoreFs.firstLine(e), e);
        }
    }

    private RunJournal.Entry read(Path file, byte[] bytes) {
        try {
            JsonNode root = mapper.readTree(bytes);
            if (root == null || root.path("format").asInt() != FORMAT || !root.path("run").isObject()) {
                throw new IllegalArgumentException("not a rerun journal entry (format " + FORMAT + ")");
            }
            RunRecord run = runJson.read(root.path("run").toString().getBytes(StandardCharsets.UTF_8), file.toString());
            return new RunJournal.Entry(file, run, null, RunRecordJson.rerun(run, root));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("unreadable rerun journal entry " + file + ": " + e.getMessage(), e);
        }
    }
}
