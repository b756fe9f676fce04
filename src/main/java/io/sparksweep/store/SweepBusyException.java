package io.sparksweep.store;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Another live process writes this sweep folder (it holds the sweep's lock). An {@link UncheckedIOException},
 * like every other reason a results folder cannot be used, so commands report it as one line with exit 2.
 */
public final class SweepBusyException extends UncheckedIOException {

    public SweepBusyException(String message) {
        super(message, new IOException(message));
    }
}
