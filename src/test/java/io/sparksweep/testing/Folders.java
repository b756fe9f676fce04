package io.sparksweep.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-tree helpers of the crash and kill tests: copies of a sweep folder, and what its journal holds. */
public final class Folders {

    private Folders() {
    }

    /** Copies {@code from} and everything below it to {@code to}, folders first. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : all.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    /**
     * The journal entries in {@code journal}: its {@code .json} files, not the hidden ones a write stages. 0 when the
     * folder does not exist, or changed while being listed (a caller polling a live sweep looks again).
     */
    public static long journalEntries(Path journal) {
        if (!Files.isDirectory(journal)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(journal)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("."))
                    .count();
        } catch (IOException e) {
            return 0;
        }
    }
}
