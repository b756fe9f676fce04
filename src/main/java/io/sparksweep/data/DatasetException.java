package io.sparksweep.data;

/** A dataset that is missing or corrupt; the message names the file. */
public final class DatasetException extends RuntimeException {

    public DatasetException(String message) {
        super(message);
    }
}
