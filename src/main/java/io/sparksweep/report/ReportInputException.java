package io.sparksweep.report;

/** The results on disk cannot be reported on (a missing sweep or table); the message is meant for the user. */
public final class ReportInputException extends RuntimeException {

    public ReportInputException(String message) {
        super(message);
    }
}
