package io.sparksweep.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds the Fashion-MNIST copy the project ships, wherever a command runs: the working folder's
 * {@code data/fashion-mnist}, the one beside the spec's {@code sweeps/} folder, the one beside the jar, and
 * last the copy packed inside the jar itself, unpacked once into the temp folder. The last one matters on a
 * cluster, where the driver (cluster deploy mode) runs in a worker's scratch folder with only the jar.
 * Which copy is used does not matter for results: trial ids hash the images, not the path.
 */
public final class ShippedDataset {

    public static final String NAME = "fashion-mnist";
    static final Path RELATIVE = Path.of("data", NAME);
    /** Where the build packs the copy inside the jar (see pom.xml). */
    static final String RESOURCE_FOLDER = "sparksweep-data/" + NAME + "/";
    static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    private ShippedDataset() {
    }

    /**
     * @param specFolder the folder of the spec file, or null for a spec that came from text
     * @throws DatasetException when no copy is found anywhere
     */
    public static Path locate(Path specFolder) {
        List<Path> tried = new ArrayList<>();
        for (Path candidate : onDisk(specFolder)) {
            if (complete(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
            tried.add(candidate.toAbsolutePath().normalize());
        }
        return unpackedFromJar().orElseThrow(() -> new DatasetException("dataset " + NAME
                + " not found (looked in " + tried + " and inside the jar); give data.path"));
    }

    private static List<Path> onDisk(Path specFolder) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(RELATIVE);
        if (specFolder != null && specFolder.getParent() != null) {
            candidates.add(specFolder.getParent().resolve(RELATIVE));
        }
        codeLocation().ifPresent(code -> {
            // target/sparksweep.jar or target/classes: the project folder is one up.
            candidates.add(code.resolveSibling(RELATIVE));
            if (code.getParent() != null && code.getParent().getParent() != null) {
                candidates.add(code.getParent().getParent().resolve(RELATIVE));
            }
        });
        return candidates;
    }

    private static boolean complete(Path folder) {
        return FILES.stream().allMatch(f -> Files.isRegularFile(folder.resolve(f)));
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = ShippedDataset.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * The jar's copy, unpacked under the temp folder in a folder named by the jar's size and time, so a new
     * build unpacks afresh. Unpacked into a private folder first and renamed into place, so a crash or a
     * concurrent command never leaves a half-written copy behind that would be taken as complete.
     */
    static Optional<Path> unpackedFromJar() {
        ClassLoader loader = ShippedDataset.class.getClassLoader();
        if (FILES.stream().anyMatch(f -> loader.getResource(RESOURCE_FOLDER + f) == null)) {
            return Optional.empty();
        }
        String stamp = codeLocation().map(ShippedDataset::stamp).orElse("unknown");
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "sparksweep-" + NAME + "-" + stamp);
        if (complete(target)) {
            return Optional.of(target);
        }
        Path staging = target.resolveSibling(target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
            for (String file : FILES) {
                try (InputStream in = loader.getResourceAsStream(RESOURCE_FOLDER + file)) {
                    Files.copy(in, staging.resolve(file));
                }
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                // Another command unpacked the same copy first; its folder is complete by construction.
                deleteFolder(staging);
            }
            return Optional.of(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the shipped " + NAME + " into " + staging + ": " + e.getMessage(), e);
        }
    }

    private static String stamp(Path code) {
        try {
            return Files.size(code) + "-" + Files.getLastModifiedTime(code).toMillis();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        for (String file : FILES) {
            Files.deleteIfExists(folder.resolve(file));
        }
        Files.deleteIfExists(folder);
    }
}
