package io.sparksweep.engine;

import io.sparksweep.run.RunRecord;
import io.sparksweep.store.DecisionTable;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where the engine gets its runs from: a fixed list (every trial x every seed), or a search that decides
 * from finished runs what to train next (a race over seeds, successive halving). The engine only executes:
 * it asks for the next run whenever an executor slot is free and reports every finished run back.
 * Decisions belong in small pure functions behind an implementation, so they are testable without Spark.
 *
 * <p>Called from one driver thread only.
 */
public interface RunSource {

    /** The next run to start now, or empty when nothing can start until more runs finish (or ever). */
    Optional<RunAssignment> next();

    /** Told of every run that finished (ok, failed or diverged), in the order the engine received them. */
    void finished(RunRecord run);

    /**
     * Told of every run that came back, before it is journaled: a search that continues runs from their state saves
     * it here, so a journaled run always has its state. The default keeps nothing.
     */
    default void keep(TrainedRun trained) {
    }

    /** True once no run will ever be offered again, whatever finishes from now on. */
    boolean exhausted();

    /**
     * At most how many runs this source still needs finished, counting those in flight: what the console's header
     * and progress bar count toward. A search that may stop early gives its upper bound, and the bar's end moves
     * in as it decides. Empty (the default) means every trial x seed not done yet.
     */
    default OptionalInt unfinishedAtMost() {
        return OptionalInt.empty();
    }

    /**
     * The source's own tables as they stand now (a race's decisions, halving's promotions): the engine publishes them
     * in the same snapshot as the runs they were decided from, under the same lock. The default has none.
     */
    default List<DecisionTable> tables() {
        return List.of();
    }

    /** What the source says once the engine is done with it (who won, how far it got); printed after the tables. */
    default Optional<String> summary() {
        return Optional.empty();
    }
}
