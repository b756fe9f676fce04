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
        boolean badInput = e instanceof IllegalArgumentException || e instanceof UncheckedIOException
                || e instanceof SpecException || e instanceof DatasetException
                || (spark && (e instanceof AnalysisException || e instanceof SparkThrowable));
        if (!badInput) {
            throw e;
        }
        spec.commandLine().getErr().println("sparksweep " + spec.name() + ": " + oneLine(e));
        spec.commandLine().getErr().flush();
        return Main.EXIT_BAD_INPUT;
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
