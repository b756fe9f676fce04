package io.sparksweep.results;

import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The on-disk home of one sweep: {@code <resultsRoot>/<sweep>/} with one Parquet folder per table
 * ({@code runs, epochs, classes, confusion, trials, summary, sweep}) and a journal of finished runs that
 * are not yet in the tables.
 *
 * <p>Contract used by the engine (driver side only):
 * <ul>
 *   <li>{@link #journal(RunRecord)} is called once per finished run, as soon as it finishes; the run
 *   must be durable when it returns (atomic file write), so a crash of the driver loses nothing.</li>
 *   <li>{@link #finishedRuns()} = runs already in the {@code runs} table or the journal whose status is
 *   ok or diverged (failed runs are retried on the next run of the same spec).</li>
 *   <li>{@link #consolidate} merges the journal into the tables (a newer record of the same
 *   (trial, seed) replaces an older failed one), recomputes {@code summary}, writes {@code trials} and
 *   {@code sweep}, each table atomically, then removes the journal entries it consumed.</li>
 * </ul>
 * TODO(results helper): implement.
 */
public final class SweepStore {

    public SweepStore(SparkSession spark, Path resultsRoot, String sweepName) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public Path sweepDir() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void journal(RunRecord run) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public Set<RunKey> finishedRuns() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void consolidate(SweepInfo info, List<TrialRecord> trials) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
