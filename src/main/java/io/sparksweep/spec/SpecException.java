package io.sparksweep.spec;

/**
 * A spec that cannot be run. The message is one line: "file: field: what is wrong", and never longer than
 * a terminal can show: a quoted value is cut to {@link #QUOTE_LIMIT} characters, whatever the input held.
 */
public final class SpecException extends RuntimeException {

    /** The most characters of a user's value an error repeats. */
    static final int QUOTE_LIMIT = 80;
    /** The most characters of a problem description, quotes included (a backstop for library messages). */
    private static final int PROBLEM_LIMIT = 400;

    public SpecException(String source, String field, String problem) {
        super(source + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + capped(problem));
    }

    /** A user's value as an error quotes it: at most {@link #QUOTE_LIMIT} characters, then its full length. */
    static String quote(String value) {
        String oneLine = value.replaceAll("\\R", " ");
        return oneLine.length() <= QUOTE_LIMIT ? oneLine
                : oneLine.substring(0, QUOTE_LIMIT) + "... (" + value.length() + " characters)";
    }

    private static String capped(String problem) {
        String oneLine = problem == null ? "" : problem.replaceAll("\\s*\\R\\s*", " ");
        return oneLine.length() <= PROBLEM_LIMIT ? oneLine
                : oneLine.substring(0, PROBLEM_LIMIT) + "... (" + oneLine.length() + " characters)";
    }
}
