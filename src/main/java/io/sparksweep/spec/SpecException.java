package io.sparksweep.spec;

/** A spec that cannot be run. The message is one line: "file: field: what is wrong". */
public final class SpecException extends RuntimeException {

    public SpecException(String source, String field, String problem) {
        super(source + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + problem);
    }
}
