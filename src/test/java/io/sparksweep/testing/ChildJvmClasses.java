package io.sparksweep.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classes every child JVM of the suite loads, prepared once per test JVM: a jar whose manifest names this JVM's
 * class path (its class folders copied into jars, since the JVM's class-data sharing refuses folders, and every entry
 * relative to the jar), and a class-data archive recorded by one tiny sweep on that class path. A child that maps the archive starts Spark and
 * DL4J in about half the time and CPU: the suite starts dozens of them on two cores.
 *
 * <p>If the recording fails, children start without the archive, only slower; the reason goes to standard error.
 */
public final class ChildJvmClasses {

    /** Options that silence the JVM's notes when an archive does not match (a child then loads classes itself). */
    private static final String QUIET_SHARING = "-Xlog:cds=off,cds+dynamic=off";

    private final Path classpathJar;
    private final List<String> sharingOptions;

    private ChildJvmClasses(Path classpathJar, List<String> sharingOptions) {
        this.classpathJar = classpathJar;
        this.sharingOptions = sharingOptions;
    }

    /** The one preparation of this test JVM, made by the first caller. */
    public static ChildJvmClasses shared() {
        return Holder.SHARED;
    }

    /** The manifest-only jar to put on a child's class path (and to name as an application jar). */
    public Path classpathJar() {
        return classpathJar;
    }

    /** JVM options that map the recorded archive, or none when it could not be recorded. */
    public List<String> sharingOptions() {
        return sharingOptions;
    }

    /** {@code java <sharing options> <jvmOptions> -cp <classpath jar> mainClass args}: a child on these classes. */
    public List<String> command(List<String> jvmOptions, String mainClass, String... args) {
        return command(classpathJar, sharingOptions, jvmOptions, mainClass, args);
    }

    /**
     * Runs a probe's {@code main} in a child on these classes and returns the first line of its output that starts with
     * {@code prefix} (or a line saying there was none, with the output); the child must exit 0 within {@code minutes}.
     */
    public String probeLine(List<String> jvmOptions, String mainClass, String prefix, int minutes)
            throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command(jvmOptions, mainClass)).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(minutes, TimeUnit.MINUTES), mainClass + " finished");
        assertEquals(0, child.exitValue(), output);
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElse("no " + prefix.strip() + " line in: " + output);
    }

    private static List<String> command(Path classpathJar, List<String> sharingOptions, List<String> jvmOptions,
                                        String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(sharingOptions);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpathJar.toString(), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static final class Holder {
        static final ChildJvmClasses SHARED = prepare();
    }

    private static ChildJvmClasses prepare() {
        try {
            Path dir = Files.createTempDirectory("sparksweep-child-jvms");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
            Path classpathJar = writeClasspathJar(dir);
            return new ChildJvmClasses(classpathJar, record(dir, classpathJar));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeClasspathJar(Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        int folders = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath();
            if (Files.isDirectory(path)) {
                path = jarOf(path, dir.resolve("classes-" + folders++ + ".jar"));
            }
            // Relative entries: the JVM's class-data sharing matches classes to them, not to absolute file: URLs.
            entries.add(relativeUrl(dir, path));
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", entries));
        Path jar = dir.resolve("sparksweep-test-classpath.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }

    private static String relativeUrl(Path dir, Path entry) {
        try {
            return new URI(null, null, dir.relativize(entry).toString().replace('\\', '/'), null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(entry.toString(), e);
        }
    }

    private static Path jarOf(Path folder, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(folder.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Records the archive with a one-epoch sweep through the CLI: Spark, DL4J, the store and the ranking. */
    private static List<String> record(Path dir, Path classpathJar) {
        Path archive = dir.resolve("classes.jsa");
        try {
            Path spec = Files.writeString(dir.resolve("archive.yaml"), "name: archive\n"
                    + "data: {path: '" + ProjectPaths.fashionMnist() + "', trainLimit: 200, testLimit: 100, "
                    + "validationFraction: 0.2}\nmodel: lenet5\nrepeats: 2\ntraining: {maxEpochs: 1}\n");
            List<String> options = new ArrayList<>(Jvms.OPENS);
            options.addAll(List.of(Jvms.SHORT_LIVED_JIT, "-Xmx1g", "-XX:ArchiveClassesAtExit=" + archive, QUIET_SHARING));
            List<String> command = command(classpathJar, List.of(), options, "io.sparksweep.cli.Main", "run",
                    spec.toString(), "--results", dir.resolve("results").toString(), "--master", "local[2]");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("archive.log").toFile());
            Map<String, String> environment = builder.environment();
            environment.put("OMP_NUM_THREADS", "1");
            environment.put("SPARK_LOCAL_IP", "127.0.0.1");
            Process process = builder.start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                Jvms.killTree(process.toHandle());
                return without("its recording did not end within 180 s", dir);
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(archive)) {
                return without("its recording exited with " + process.exitValue(), dir);
            }
            return List.of("-XX:SharedArchiveFile=" + archive, QUIET_SHARING);
        } catch (IOException e) {
            return without(e.toString(), dir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return without("interrupted", dir);
        }
    }

    private static List<String> without(String reason, Path dir) {
        System.err.println("child JVMs start without a class-data archive: " + reason + " (log: "
                + dir.resolve("archive.log") + ")");
        return List.of();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
