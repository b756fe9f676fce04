package io.sparksweep.report;

import java.time.Instant;

/** The {@code sweep} table's row: the spec that was run and where. Times are null when not recorded. */
public record SweepMetadata(String name, String specText, String specHash, long seed, int repeats, Instant started,
                            Instant finished, String sparkMaster, String versionsJson) {
}
