package io.sparksweep.testing;

import java.nio.file.Path;

/** Where the project's shipped files are, from inside a test. */
public final class ProjectPaths {

    private ProjectPaths() {
    }

    public static Path root() {
        return Path.of(System.getProperty("sparksweep.project.dir", ".")).toAbsolutePath().normalize();
    }

    public static Path fashionMnist() {
        return root().resolve("data/fashion-mnist");
    }
}
