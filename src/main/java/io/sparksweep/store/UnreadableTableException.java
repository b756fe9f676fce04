package io.sparksweep.store;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A table file the current snapshot names cannot be read as Parquet (missing, empty, cut short, overwritten): bad
 * input to every command that reads the table, with one line naming the file and what to do.
 */
public final class UnreadableTableException extends UncheckedIOException {

    UnreadableTableException(String file, Table table, String sweepDir, String reason, IOException cause) {
        super("table file " + file + " cannot be read (" + reason + "): the " + table.folder()
                + " table of sweep folder " + sweepDir + " is damaged; restore the file from a backup, or move the "
                + "sweep folder aside and run the sweep again", cause);
    }
}
