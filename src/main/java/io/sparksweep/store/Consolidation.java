package io.sparksweep.store;

import io.sparksweep.run.RunKey;
import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunStatus;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.sparksweep.store.ColumnNames.FINISHED_AT;
import static io.sparksweep.store.ColumnNames.RUN_ID;
import static io.sparksweep.store.ColumnNames.SEED;
import static io.sparksweep.store.ColumnNames.STARTED;
import static io.sparksweep.store.ColumnNames.STATUS;
import static io.sparksweep.store.ColumnNames.TRIAL_ID;

/**
 * One merge of the journal into a sweep folder's tables (see {@link SweepStore#consolidate}): a sweep's runs into its
 * run tables, a rerun's runs into the rerun tables. Tables that hold runs are rewritten only when some journal record
 * wins, so consolidating again changes nothing. All tables written become visible together, as one snapshot
 * ({@link SweepTables.Writer#publish}).
 */
final class Consolidation {

    private final String sweep;
    private final SweepTables tables;

    Consolidation(String sweep, SweepTables tables) {
        this.sweep = sweep;
        this.tables = tables;
    }

    /**
     * Merges every entry of the journal and rewrites the sweep's trials, summary and sweep tables.
     *
     * @param decisions     a search strategy's tables, replaced in the same snapshot
     * @param beforePublish throws to stop the new snapshot from becoming visible (lost lock)
     */
    void run(Collection<RunJournal.Entry> journalled, SweepInfo info, List<TrialRecord> trials,
             List<DecisionTable> decisions, Runnable beforePublish) {
        SweepTables.Writer writer = tables.writer();
        Optional<Dataset<Row>> oldRuns = tables.read(Table.RUNS);
        Optional<Dataset<Row>> oldTrials = tables.read(Table.TRIALS);
        Winners won = winners(journalled.stream().filter(e -> !e.isRerun()).toList(), oldRuns);
        List<RunRecord> winners = won.entries().stream().map(RunJournal.Entry::run).toList();
        HyperparameterColumns hyperparameters = HyperparameterColumns.of(existingFields(oldRuns, oldTrials),
                Stream.concat(winners.stream().map(RunRecord::hyperparameters),
                        trials.stream().map(TrialRecord::hyperparameters)).toList());
        List<StructField> fields = hyperparameters.fields();
        Set<RunKey> replaced = winners.stream().map(RunRecord::key).collect(Collectors.toSet());

        List<Row> runs;
        if (!winners.isEmpty() || oldRuns.isEmpty()) {
            runs = merge(writer, Table.RUNS, fields, replaced, winners,
                    (name, run) -> List.of(RunRows.run(name, run, hyperparameters)));
            merge(writer, Table.EPOCHS, fields, replaced, winners, RunRows::epochs);
            merge(writer, Table.CLASSES, fields, replaced, winners, RunRows::classes);
            merge(writer, Table.CONFUSION, fields, replaced, winners, RunRows::confusion);
            writePredictions(writer, won);
        } else {
            runs = stored(Table.RUNS, TableSchemas.of(Table.RUNS, fields));
        }
        List<Row> trialRows = writeTrials(writer, oldTrials, trials, hyperparameters);
        writer.write(Table.SUMMARY, TableSchemas.of(Table.SUMMARY, fields),
                SummaryTable.rows(sweep, runs, trialRows, fields));
        writer.write(Table.SWEEP, TableSchemas.of(Table.SWEEP, List.of()),
                List.of(sweepRow(info, firstStart(info))));
        for (DecisionTable decision : decisions) {
            writer.write(decision.table(), TableSchemas.of(decision.table(), List.of()), decision.rows());
        }
        writeReruns(writer, journalled);
        writer.publish(beforePublish);
    }

    /**
     * Merges the journal's rerun entries into the rerun tables alone and publishes them; nothing is published when no
     * entry wins. The sweep's own tables, and its runs' entries, are left to the sweep's consolidation.
     */
    void reruns(Collection<RunJournal.Entry> journalled, Runnable beforePublish) {
        SweepTables.Writer writer = tables.writer();
        if (writeReruns(writer, journalled)) {
            writer.publish(beforePublish);
        }
    }

    /**
     * The rerun entries that beat the other entries and the table row of the same run id, merged into the three rerun
     * tables; false (nothing written) when none does.
     */
    private boolean writeReruns(SweepTables.Writer writer, Collection<RunJournal.Entry> journalled) {
        List<RunJournal.Entry> reruns = journalled.stream().filter(RunJournal.Entry::isRerun).toList();
        if (reruns.isEmpty()) {
            return false;
        }
        Map<String, RunStanding> inTable = standings(tables.read(Table.RERUNS), row -> row.getString(0), RUN_ID);
        List<RerunRecord> winners = newest(reruns, e -> e.rerun().runId(), inTable).stream()
                .map(RunJournal.Entry::rerun).toList();
        if (winners.isEmpty()) {
            return false;
        }
        Set<String> replaced = winners.stream().map(RerunRecord::runId).collect(Collectors.toSet());
        Predicate<Row> kept = row -> !replaced.contains(row.<String>getAs(RUN_ID));
        merge(writer, Table.RERUNS, List.of(), kept, winners.stream().map(r -> RunRows.rerun(sweep, r)).toList());
        merge(writer, Table.RERUN_EPOCHS, List.of(), kept,
                winners.stream().flatMap(r -> RunRows.rerunEpochs(sweep, r).stream()).toList());
        merge(writer, Table.RERUN_CLASSES, List.of(), kept,
                winners.stream().flatMap(r -> RunRows.rerunClasses(sweep, r).stream()).toList());
        return true;
    }

    /** A resumed sweep keeps the start of its first call: `started` says when the sweep began. */
    private long firstStart(SweepInfo info) {
        return tables.read(Table.SWEEP)
                .map(old -> (Timestamp) old.first().getAs(STARTED))
                .map(started -> Math.min(started.getTime(), info.startedAt()))
                .orElse(info.startedAt());
    }

    /**
     * @param entries    the journal entries whose run goes into the tables
     * @param replacedOk runs among them that replace an ok run of the tables (whose predictions rows must go)
     */
    private record Winners(List<RunJournal.Entry> entries, Set<RunKey> replacedOk) {
    }

    /** Journal records that beat both the other journal records and the table row of the same run. */
    private Winners winners(Collection<RunJournal.Entry> journalled, Optional<Dataset<Row>> oldRuns) {
        Map<RunKey, RunStanding> inTable = standings(oldRuns, r -> new RunKey(r.getString(0), r.getLong(1)),
                TRIAL_ID, SEED);
        List<RunJournal.Entry> entries = newest(journalled, e -> e.run().key(), inTable);
        Set<RunKey> replacedOk = entries.stream().map(e -> e.run().key())
                .filter(key -> inTable.containsKey(key) && inTable.get(key).status() == RunStatus.OK)
                .collect(Collectors.toSet());
        return new Winners(entries, replacedOk);
    }

    /**
     * Per run (identified by {@code key}), the journal record that beats the other records of the run, kept when it
     * also beats the run's row in the table: a failed record never replaces a finished run.
     */
    private static <K> List<RunJournal.Entry> newest(Collection<RunJournal.Entry> journalled,
                                                     Function<RunJournal.Entry, K> key, Map<K, RunStanding> inTable) {
        Map<K, RunJournal.Entry> best = new LinkedHashMap<>();
        for (RunJournal.Entry entry : journalled) {
            best.merge(key.apply(entry), entry,
                    (a, b) -> RunStanding.of(b.run()).beats(RunStanding.of(a.run())) ? b : a);
        }
        return best.values().stream()
                .filter(e -> !inTable.containsKey(key.apply(e)) || RunStanding.of(e.run()).beats(inTable.get(key.apply(e))))
                .toList();
    }

    /** How each run of a table stands, by the key read from its {@code keyColumns}. */
    private static <K> Map<K, RunStanding> standings(Optional<Dataset<Row>> table, Function<Row, K> key,
                                                     String... keyColumns) {
        Map<K, RunStanding> out = new HashMap<>();
        int n = keyColumns.length;
        table.ifPresent(t -> {
            List<Column> columns = new ArrayList<>(Stream.of(keyColumns).map(functions::col).toList());
            columns.add(functions.col(STATUS));
            columns.add(functions.unix_millis(functions.col(FINISHED_AT)));
            t.select(columns.toArray(Column[]::new)).collectAsList().forEach(r -> out.put(key.apply(r),
                    new RunStanding(RunStatus.of(r.getString(n)), r.isNullAt(n + 1) ? Long.MIN_VALUE : r.getLong(n + 1))));
        });
        return out;
    }

    /**
     * The winners' predictions go into a file of their own, added to the table's files: the rows of earlier runs are
     * never read back and rewritten, so a consolidation costs the same however many runs the sweep has. A sweep folder
     * gets the table at its first consolidation by this version (perhaps empty: runs journaled by older versions have
     * no predictions). Only when a journal record replaces a run that was ok in the tables (never in a normal sweep:
     * finished runs are not trained again) are the stored rows rewritten without that run's.
     */
    private void writePredictions(SweepTables.Writer writer, Winners won) {
        StructType schema = TableSchemas.of(Table.PREDICTIONS, List.of());
        List<RunJournal.Entry> with = won.entries().stream()
                .filter(e -> e.run().ok() && e.encodedPredictions() != null).toList();
        Iterable<Row> added = () -> with.stream()
                .flatMap(e -> RunRows.predictions(sweep, e.run(), e.predictions().orElseThrow()).stream()).iterator();
        boolean exists = tables.exists(Table.PREDICTIONS);
        if (exists && !won.replacedOk().isEmpty()) {
            List<Row> kept = stored(Table.PREDICTIONS, schema).stream().filter(row -> !won.replacedOk().contains(
                    new RunKey(row.getAs("trial_id"), row.<Long>getAs("seed")))).toList();
            writer.write(Table.PREDICTIONS, schema, kept);
        }
        if (!exists) {
            writer.write(Table.PREDICTIONS, schema, added);
        } else if (!with.isEmpty()) {
            writer.add(Table.PREDICTIONS, schema, added);
        }
    }

    /**
     * The table's stored rows minus the replaced runs, plus the winners' rows; written, and returned for the summary.
     * Stored rows are read with Spark only when the table exists (a resumed sweep).
     */
    private List<Row> merge(SweepTables.Writer writer, Table table, List<StructField> hyperparameters, Set<RunKey> replaced,
                            List<RunRecord> winners, BiFunction<String, RunRecord, List<Row>> rowsOf) {
        return merge(writer, table, hyperparameters,
                old -> !replaced.contains(new RunKey(old.getAs(TRIAL_ID), old.<Long>getAs(SEED))),
                winners.stream().flatMap(run -> rowsOf.apply(sweep, run).stream()).toList());
    }

    /** The table's stored rows that are {@code kept}, plus {@code added}: written, and returned. */
    private List<Row> merge(SweepTables.Writer writer, Table table, List<StructField> hyperparameters,
                            Predicate<Row> kept, List<Row> added) {
        StructType schema = TableSchemas.of(table, hyperparameters);
        List<Row> rows = new ArrayList<>();
        for (Row old : stored(table, schema)) {
            if (kept.test(old)) {
                rows.add(old);
            }
        }
        added.forEach(row -> rows.add(withSchema(schema, row)));
        writer.write(table, schema, rows);
        return rows;
    }

    /** Trials of this spec replace the stored ones with the same id; trials of earlier specs stay. */
    private List<Row> writeTrials(SweepTables.Writer writer, Optional<Dataset<Row>> oldTrials, List<TrialRecord> trials,
                                  HyperparameterColumns hyperparameters) {
        StructType schema = TableSchemas.of(Table.TRIALS, hyperparameters.fields());
        Set<String> ids = trials.stream().map(TrialRecord::trialId).collect(Collectors.toSet());
        List<Row> rows = new ArrayList<>();
        if (oldTrials.isPresent()) {
            stored(Table.TRIALS, schema).stream().filter(t -> !ids.contains(t.<String>getAs(TRIAL_ID)))
                    .forEach(rows::add);
        }
        trials.forEach(t -> rows.add(withSchema(schema, trialRow(t, hyperparameters))));
        writer.write(Table.TRIALS, schema, rows);
        return rows;
    }

    /** A table's rows as stored, reshaped to {@code schema}; none when the table does not exist yet. */
    private List<Row> stored(Table table, StructType schema) {
        return tables.rows(table, schema).orElse(List.of());
    }

    /** Rows that can be read by column name, like the ones Spark hands back. */
    private static Row withSchema(StructType schema, Row row) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return new GenericRowWithSchema(values, schema);
    }

    private Row trialRow(TrialRecord trial, HyperparameterColumns hyperparameters) {
        List<Object> values = new ArrayList<>(List.of(sweep, trial.trialId()));
        values.add(trial.model());
        values.addAll(List.of(hyperparameters.values(trial.hyperparameters())));
        values.add(trial.parameters());
        values.add(trial.flops());
        values.add(trial.macs());
        values.add(trial.costJson());
        values.add(trial.networkJson());
        values.add(trial.planJson());
        return RowFactory.create(values.toArray());
    }

    private Row sweepRow(SweepInfo info, long startedAt) {
        return RowFactory.create(sweep, info.specText(), info.specHash(), info.seed(), info.repeats(),
                new Timestamp(startedAt), new Timestamp(info.finishedAt()), info.sparkMaster(), info.versions(),
                info.origin().label());
    }

    private static List<StructField> existingFields(Optional<Dataset<Row>> runs, Optional<Dataset<Row>> trials) {
        return Stream.of(runs, trials).flatMap(Optional::stream)
                .flatMap(t -> TableSchemas.hyperparameterFields(t.schema()).stream()).toList();
    }
}
