package io.sparksweep.report;

/** A distinct provenance JSON of the runs and how many runs carry it; more than one means mixed environments. */
public record ProvenanceCount(String provenanceJson, long runs) {
}
