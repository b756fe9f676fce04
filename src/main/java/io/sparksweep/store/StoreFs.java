package io.sparksweep.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The file operations the store needs, on any Hadoop file system. Whole files only: a file is either written
 * completely under its final name, or not at all.
 * <ul>
 *   <li>Where rename is atomic (local disk, HDFS, ...) a file is written under a hidden temporary name and
 *   renamed into place; a crash leaves at most a hidden temporary.</li>
 *   <li>On object stores (see {@link ResultsRoot#atomicRename()}) a file is uploaded under its final name:
 *   an object becomes visible only when its upload completes, and nothing is ever renamed.</li>
 * </ul>
 */
final class StoreFs {

    static final String TEMP_MARK = ".tmp-";

    private final FileSystem fs;
    private final Configuration conf;
    private final boolean atomicRename;

    StoreFs(FileSystem fs, Configuration conf, boolean atomicRename) {
        this.fs = fs;
        this.conf = conf;
        this.atomicRename = atomicRename;
    }

    /** @throws UncheckedIOException naming the root when it has no file system (unknown scheme, bad host) */
    static StoreFs of(ResultsRoot root, Configuration conf) {
        try {
            FileSystem fs = FileSystem.get(root.toUri(), conf);
            // The raw local file system: no .crc side files next to the store's files on local disk.
            return new StoreFs(fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs, conf,
                    root.atomicRename());
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("results folder " + root + " cannot be opened: "
                    + firstLine(e), e));
        }
    }

    FileSystem fileSystem() {
        return fs;
    }

    Configuration conf() {
        return conf;
    }

    boolean exists(Path path) throws IOException {
        return fs.exists(path);
    }

    boolean isDirectory(Path path) throws IOException {
        try {
            return fs.getFileStatus(path).isDirectory();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    /** The entries of a folder; none when it does not exist. */
    List<FileStatus> list(Path dir) throws IOException {
        try {
            return Arrays.asList(fs.listStatus(dir));
        } catch (FileNotFoundException e) {
            return List.of();
        }
    }

    Optional<byte[]> read(Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return Optional.of(in.readAllBytes());
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    Optional<FileStatus> status(Path path) throws IOException {
        try {
            return Optional.of(fs.getFileStatus(path));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    void mkdirs(Path dir) throws IOException {
        if (!fs.mkdirs(dir)) {
            throw new IOException("cannot create folder " + dir);
        }
    }

    /** Writes (or replaces) a file whole: readers see the old content or the new one. */
    void writeWhole(Path target, byte[] content) throws IOException {
        if (!atomicRename) {
            write(target, content, true);
            return;
        }
        Path temp = temporaryFor(target);
        try {
            write(temp, content, false);
            if (isLocal()) {
                // POSIX rename(2) replaces the target in one step.
                if (!fs.rename(temp, target)) {
                    throw new IOException("cannot rename " + temp + " to " + target);
                }
            } else {
                // HDFS implements an overwriting rename in one step (rename2); FileContext reaches it.
                FileContext.getFileContext(fs.getUri(), conf).rename(temp, target, Options.Rename.OVERWRITE);
            }
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Creates a file that must not exist yet, whole (a kill never leaves it empty or partial); false when it exists.
     * Exclusive on HDFS (the namenode decides) and on local disk; on object stores two creators racing within the
     * same instant may both succeed.
     */
    boolean createExclusive(Path target, byte[] content) throws IOException {
        if (!atomicRename) {
            if (fs.exists(target)) {
                return false;
            }
            write(target, content, false);
            return true;
        }
        // Written under a temporary name first, then put in place by a step that fails when the target exists.
        Path temp = temporaryFor(target);
        try {
            if (isLocal()) {
                java.nio.file.Path file = ((RawLocalFileSystem) fs).pathToFile(temp).toPath();
                Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.SYNC);
                // Hadoop's local rename replaces an existing target; link(2) fails on one, in one step.
                try {
                    Files.createLink(((RawLocalFileSystem) fs).pathToFile(target).toPath(), file);
                    return true;
                } catch (FileAlreadyExistsException e) {
                    return false;
                }
            }
            write(temp, content, false);
            // HDFS's rename of a file fails (false) when the target exists.
            return fs.rename(temp, target);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Moves a file to a new name that does not exist yet; false when the source is gone. */
    boolean rename(Path from, Path to) throws IOException {
        try {
            return fs.rename(from, to);
        } catch (FileNotFoundException gone) {
            return false; // the local file system falls back to a copy, which finds no source
        }
    }

    boolean delete(Path path) throws IOException {
        return fs.delete(path, true);
    }

    void deleteQuietly(Path path) {
        try {
            fs.delete(path, true);
        } catch (IOException ignored) {
            // Only a failed write leaves this behind; the next store start or consolidation removes it.
        }
    }

    boolean isLocal() {
        return fs instanceof RawLocalFileSystem;
    }

    static Path temporaryFor(Path target) {
        return new Path(target.getParent(), "." + target.getName() + TEMP_MARK + UUID.randomUUID());
    }

    static boolean isTemporary(String name) {
        return name.startsWith(".") && name.contains(TEMP_MARK);
    }

    private void write(Path file, byte[] content, boolean overwrite) throws IOException {
        try (FSDataOutputStream out = fs.create(file, overwrite)) {
            out.write(content);
            try {
                out.hsync();
            } catch (UnsupportedOperationException notSyncable) {
                out.flush();
            }
        }
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
