package io.sparksweep.cli;

import io.sparksweep.data.DatasetException;
import io.sparksweep.spec.SpecException;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.UncheckedIOException;

/**
 * Bad input ends a command with one line on stderr and {@link Main#EXIT_BAD_INPUT}; anything else is a
 * bug and keeps its stack trace.
 */
final class CommandErrors {

    private CommandErrors() {
    }

    /**
     * @param spark whether Spark's own errors count as bad input: they do for a user's query, whose
     *              analysis and run-time errors (division by zero, bad cast) are the query's fault
     */
    static int handle(CommandSpec spec, Exception e, boolean spark) throws Exception {
        Throwable damaged = unreadableFile(e);
        boolean badInput = e instanceof IllegalArgumentException || e instanceof UncheckedIOException
                || e instanceof SpecException || e instanceof DatasetException || damaged != null
                || (spark && (e instanceof AnalysisException || e instanceof SparkThrowable));
        if (!badInput) {
            throw e;
        }
        spec.commandLine().getErr().println("sparksweep " + spec.name() + ": "
                + (damaged != null && !(e instanceof UncheckedIOException) ? oneLine(damaged)
                + "; the file is damaged: restore it from a backup, or move the sweep folder aside and run the sweep "
                + "again" : oneLine(e)));
        spec.commandLine().getErr().flush();
        return Main.EXIT_BAD_INPUT;
    }

    /**
     * Spark's own failure to read a table file (its footer or its pages): a file damaged after the store checked it,
     * bad input like a damaged file found before. Null for any other error.
     */
    static Throwable unreadableFile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SparkThrowable spark && spark.getErrorClass() != null
                    && (spark.getErrorClass().startsWith("FAILED_READ_FILE")
                    || spark.getErrorClass().startsWith("CANNOT_READ_FILE_FOOTER"))) {
                return t;
            }
        }
        return null;
    }

    /** Spark's messages span lines (query context, plan); the first sentence-bearing part is kept whole. */
    static String oneLine(Throwable e) {
        String message = e instanceof AnalysisException analysis ? analysis.getSimpleMessage() : e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        int plan = message.indexOf("\n== ");
        if (plan >= 0) {
            message = message.substring(0, plan);
        }
        return message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
