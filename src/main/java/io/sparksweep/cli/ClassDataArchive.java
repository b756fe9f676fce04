package io.sparksweep.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * A dynamic AppCDS archive of the classes a sweep loads, kept beside the jar. Spark SQL and Parquet load
 * thousands of classes the first time the tables are written; reading them from an archive instead of the
 * jar takes about 1.5 s off every sweep (docs/performance.md). The first relaunched run records the archive
 * when it exits; later runs map it. The name carries the jar's size and time stamp, so a rebuilt jar gets
 * a fresh archive instead of one the JVM would refuse.
 *
 * @param archive   the archive for this exact jar
 * @param recording where this run records the archive when it does not exist yet (renamed into place after)
 */
record ClassDataArchive(Path archive, Path recording) {

    private static final String SUFFIX = ".jsa";
    /** The JVM reports a refused or partial archive on stdout; it only costs speed, so keep the output clean. */
    private static final String QUIET = "-Xlog:cds=off,cds+dynamic=off";

    /** Empty when the jar's folder cannot hold the archive: the run then simply goes without. */
    static Optional<ClassDataArchive> beside(Path jar) {
        try {
            Path folder = jar.toAbsolutePath().getParent();
            if (folder == null || !Files.isWritable(folder)) {
                return Optional.empty();
            }
            String stamp = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
            Path archive = folder.resolve("." + jar.getFileName() + "-" + stamp + SUFFIX);
            Path recording = folder.resolve("." + jar.getFileName() + "-" + stamp + "-" + ProcessHandle.current().pid()
                    + ".recording");
            return Optional.of(new ClassDataArchive(archive, recording));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    boolean recorded() {
        return Files.isRegularFile(archive);
    }

    List<String> jvmOptions() {
        return recorded()
                ? List.of(QUIET, "-XX:SharedArchiveFile=" + archive)
                : List.of(QUIET, "-XX:ArchiveClassesAtExit=" + recording);
    }

    /** Moves a finished recording into place and drops archives of earlier builds of the jar. */
    void afterChildExit() {
        try {
            if (Files.isRegularFile(recording) && Files.size(recording) > 0) {
                Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                String jarPrefix = archive.getFileName().toString().replaceFirst("-\\d+-\\d+\\.jsa$", "-");
                try (DirectoryStream<Path> stale = Files.newDirectoryStream(archive.getParent(), jarPrefix + "*" + SUFFIX)) {
                    for (Path old : stale) {
                        if (!old.equals(archive)) {
                            Files.deleteIfExists(old);
                        }
                    }
                }
            }
            Files.deleteIfExists(recording);
        } catch (IOException e) {
            // Only speed is lost: the next run records the archive again.
        }
    }
}
