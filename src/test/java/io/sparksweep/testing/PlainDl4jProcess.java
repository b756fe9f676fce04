package io.sparksweep.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Runs {@code src/test/resources/PlainDl4jLoad.java} (Java's source-file mode) in a new JVM whose class path is this
 * test JVM's minus the project's own classes: a plain DL4J program, as a user of a saved model would have.
 */
public final class PlainDl4jProcess {

    /** @param outputs the network's output for one image of all 0.5 pixels */
    public record Result(int exit, String output, float[] outputs) {
    }

    private PlainDl4jProcess() {
    }

    public static Result loadAndPredict(Path model) throws IOException, InterruptedException {
        List<String> classPath = dependencyClassPath();
        Path source = ProjectPaths.root().resolve("src/test/resources/PlainDl4jLoad.java");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classPath), source.toString(), model.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        float[] outputs = output.lines().filter(l -> l.startsWith("output ")).findFirst()
                .map(l -> l.substring("output ".length()).trim().split(" "))
                .map(parts -> {
                    float[] values = new float[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        values[i] = Float.parseFloat(parts[i]);
                    }
                    return values;
                }).orElse(new float[0]);
        return new Result(exit, output, outputs);
    }

    /** This JVM's class path (surefire may hide it in a manifest-only jar), without target/classes and test-classes. */
    static List<String> dependencyClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(path) && path.getFileName().toString().startsWith("surefire")) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    Manifest manifest = jar.getManifest();
                    String listed = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                    if (listed != null) {
                        Arrays.stream(listed.trim().split("\\s+"))
                                .map(url -> Path.of(URI.create(url.startsWith("file:") ? url : path.getParent().toUri().resolve(url).toString())).toString())
                                .forEach(entries::add);
                        continue;
                    }
                }
            }
            entries.add(entry);
        }
        return entries.stream().filter(e -> !isProjectClasses(e)).toList();
    }

    private static boolean isProjectClasses(String entry) {
        Path path = Path.of(entry).toAbsolutePath().normalize();
        return path.startsWith(ProjectPaths.root().resolve("target")) && !entry.endsWith(".jar");
    }
}
