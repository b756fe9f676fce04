package io.sparksweep.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Debian's Chromium, headless, cut off from everything but the file it is shown. */
final class HeadlessChromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 90;

    private final Path workDir;

    /** @param workDir a fresh folder for the browser profile and its output */
    HeadlessChromium(Path workDir) {
        this.workDir = workDir;
        assertTrue(Files.isExecutable(BINARY), "headless Chromium is needed at " + BINARY
                + " to render the report; install it with: apt-get update && apt-get install -y chromium");
    }

    /** The DOM after the browser has parsed and laid out the page. */
    String dumpDom(Path page) throws IOException, InterruptedException {
        return run(page, List.of("--dump-dom"));
    }

    /** Screenshot of the top {@code height} pixels of the page at a desktop width. */
    void screenshot(Path page, Path png, int height) throws IOException, InterruptedException {
        run(page, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1280," + height,
                "--hide-scrollbars"));
        assertTrue(Files.size(png) > 0, "Chromium wrote no screenshot");
    }

    private String run(Path page, List<String> action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        Path stdout = Files.createTempFile(workDir, "chromium", ".out");
        Path stderr = Files.createTempFile(workDir, "chromium", ".err");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(action);
        command.add(page.toAbsolutePath().toUri().toString());
        Process chromium = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).start();
        if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
            chromium.destroyForcibly().waitFor();
            fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + tail(stderr));
        }
        assertEquals(0, chromium.exitValue(), () -> "Chromium failed: " + tail(stderr));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }
}
