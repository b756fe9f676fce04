package io.sparksweep.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes a relaunched training JVM's standard error through to this JVM's, byte for byte and as it comes, except for
 * a first line equal to the one the JVM prints about a module it was started with on purpose.
 */
final class StartupWarningFilter {

    /** A first line longer than this is not the warning; it is passed on as soon as this much has arrived. */
    private static final int MAX_LINE = 256;

    private StartupWarningFilter() {
    }

    /** Copies {@code from} to {@code to} on a daemon thread, dropping a first line equal to {@code warning}. */
    static Thread forward(InputStream from, OutputStream to, String warning) {
        Thread thread = new Thread(() -> copy(from, to, warning), "child-stderr");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void copy(InputStream from, OutputStream to, String warning) {
        try {
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            int b;
            while ((b = from.read()) != -1 && b != '\n' && first.size() < MAX_LINE) {
                first.write(b);
            }
            String line = first.toString(StandardCharsets.UTF_8);
            boolean isWarning = b == '\n' && line.strip().equals(warning);
            if (!isWarning) {
                first.writeTo(to);
                if (b != -1) {
                    to.write(b);
                }
                to.flush();
            }
            byte[] buffer = new byte[8192];
            int n;
            while ((n = from.read(buffer)) != -1) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // The child's stream closed under us, or ours did: nothing left to pass on.
        }
    }
}
