package io.sparksweep.store;

import java.util.Locale;

/**
 * The Parquet tables of one sweep folder: the ones a sweep's consolidation writes ({@link #SWEEP_RUNS}), the runs
 * of reruns ({@link SweepStore#journal(RerunRecord)}), and a search's decisions.
 */
public enum Table {
    RUNS, EPOCHS, CLASSES, CONFUSION, TRIALS, SUMMARY, SWEEP, RERUNS, RERUN_EPOCHS, RERUN_CLASSES,
    /** Decisions of a race over seeds; only sweeps with {@code search: {strategy: race}} have it. */
    RACE,
    /** Decisions of successive halving, one row per candidate and rung; only {@code search: {strategy: halving}}. */
    PROMOTIONS,
    /**
     * Every ok run's answer for every test item. Unlike the other tables it may be several files: a consolidation adds
     * one file with its new runs' rows instead of rewriting every earlier run's (10,000 rows per run on a full test
     * set). Sweeps written before it existed have no such table until their next consolidation.
     */
    PREDICTIONS;

    /** The tables every consolidation of a sweep's runs writes. */
    public static final java.util.Set<Table> SWEEP_RUNS = java.util.EnumSet.of(RUNS, EPOCHS, CLASSES, CONFUSION,
            PREDICTIONS, TRIALS, SUMMARY, SWEEP);

    /** Folder name inside the sweep folder. */
    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Name of the SQL view that unions this table over all sweeps ("sweeps" reads better than "sweep"). */
    public String view() {
        return this == SWEEP ? "sweeps" : folder();
    }
}
