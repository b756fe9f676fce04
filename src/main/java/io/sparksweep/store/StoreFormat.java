package io.sparksweep.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The store format of a sweep folder, marked by the file {@code <sweep>/_format} ({@code {"format": 2}}).
 * <ul>
 *   <li>{@link #TABLE_FOLDERS} (no marker, no manifest): written before snapshots existed; each table folder holds
 *   exactly its table, so the folders are read as they are.</li>
 *   <li>{@link #SNAPSHOTS}: which files make up the tables is said by the newest manifest alone. With no manifest the
 *   folder has no tables yet, whatever files sit in its table folders: they are staged files of a write that never
 *   published (perhaps empty or cut short), which the next writer deletes.</li>
 * </ul>
 * A writer marks the folder when it opens it, before it stages any table file, so a folder is never read the old way
 * once this version has written to it. A folder with a manifest but no marker was written by a version that had
 * snapshots but no marker: it is read by its manifest, and marked by its next writer.
 */
final class StoreFormat {

    static final String FILE = "_format";
    static final int TABLE_FOLDERS = 1;
    static final int SNAPSHOTS = 2;
    /** The newest format this version reads and the one it writes. */
    static final int CURRENT = SNAPSHOTS;

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreFormat() {
    }

    /**
     * The format the marker names; empty when the folder has none.
     *
     * @throws UncheckedIOException naming the marker when it is unreadable or names a format newer than this version's
     */
    static Optional<Integer> read(StoreFs fs, Path sweepDir) throws IOException {
        Path file = new Path(sweepDir, FILE);
        Optional<byte[]> content = fs.read(file);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        int format;
        try {
            JsonNode root = JSON.readTree(content.get());
            format = root != null && root.path("format").isInt() ? root.path("format").asInt() : -1;
        } catch (IOException e) {
            format = -1;
        }
        if (format < SNAPSHOTS) {
            throw new UncheckedIOException(new IOException("store format marker " + file + " is unreadable (expected "
                    + "{\"format\": " + CURRENT + "}); if the folder holds a _snapshots manifest, write that content "
                    + "into it and run again"));
        }
        if (format > CURRENT) {
            throw new UncheckedIOException(new IOException("sweep folder " + sweepDir + " has store format " + format
                    + " (" + file + "), newer than this version of sparksweep reads (" + CURRENT
                    + "): use a newer sparksweep"));
        }
        return Optional.of(format);
    }

    /** Writes the marker whole: before it, the folder is read the old way; after it, only by its manifest. */
    static void mark(StoreFs fs, Path sweepDir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", CURRENT);
        fs.writeWhole(new Path(sweepDir, FILE), JSON.writeValueAsBytes(root));
    }
}
