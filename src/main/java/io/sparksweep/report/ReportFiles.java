package io.sparksweep.report;

import java.nio.file.Path;

/** What {@link SweepReport#write} produced. */
public record ReportFiles(Path html, Path notebook) {
}
