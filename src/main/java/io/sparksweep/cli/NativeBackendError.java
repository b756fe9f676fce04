package io.sparksweep.cli;

import java.util.Optional;

/**
 * ND4J that cannot load its native backend (a CUDA build on a machine without an NVIDIA driver, a native library
 * missing for this platform) fails inside a static initialiser, as an {@link Error} that would otherwise end the
 * command with a long stack trace: this turns it into one line and {@link Main#EXIT_NO_BACKEND}.
 */
final class NativeBackendError {

    private NativeBackendError() {
    }

    /** The line to print when {@code error} is ND4J failing to load its backend; empty for any other error. */
    static Optional<String> describe(Throwable error) {
        String linkFailure = null;
        boolean backend = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            backend |= t.getClass().getName().endsWith("Nd4jBackend$NoAvailableBackendException");
            if (t instanceof UnsatisfiedLinkError && linkFailure == null) {
                linkFailure = t.getMessage();
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof UnsatisfiedLinkError && linkFailure == null) {
                    linkFailure = suppressed.getMessage();
                }
            }
        }
        if (!backend && linkFailure == null) {
            return Optional.empty();
        }
        String why = linkFailure == null ? "no backend could load; ND4J logged why above"
                : CommandErrors.oneLine(new Error(linkFailure));
        return Optional.of("ND4J's native backend did not load (" + why + "); a CUDA build (-Pcuda) needs an NVIDIA"
                + " driver and CUDA 11.6, the default build Linux x86_64");
    }
}
