package io.sparksweep.store;

import io.sparksweep.run.RunKey;
import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunStatus;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.sparksweep.store.ColumnNames.FINISHED_AT;
import static io.sparksweep.store.ColumnNames.SEED;
import static io.sparksweep.store.ColumnNames.STARTED;
import static io.sparksweep.store.ColumnNames.STATUS;
import static io.sparksweep.store.ColumnNames.TRIAL_ID;

/**
 * One merge of the journal into a sweep's tables (see {@link SweepStore#consolidate}). Tables that hold
 * runs are rewritten only when some journal record wins, so consolidating again changes nothing. All tables
 * written become visible together, as one snapshot ({@link SweepTables.Writer#publish}).
 */
final class Consolidation {

    private final String sweep;
    private final SweepTables tables;

    Consolidation(String sweep, SweepTables tables) {
        this.sweep = sweep;
        this.tables = tables;
    }

    /**
     * @param decisions     a search strategy's tables, replaced in the same snapshot
     * @param beforePublish throws to stop the new snapshot from becoming visible (lost lock)
     */
    void run(Collection<RunJournal.Entry> journalled, SweepInfo info, List<TrialRecord> trials,
             List<DecisionTable> decisions, Runnable beforePublish) {
        SweepTables.Writer writer = tables.writer();
        Optional<Dataset<Row>> oldRuns = tables.read(Table.RUNS);
        Optional<Dataset<Row>> oldTrials = tables.read(Table.TRIALS);
        Winners won = winners(journalled, oldRuns);
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
        writer.publish(beforePublish);
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
        Map<RunKey, RunJournal.Entry> best = new LinkedHashMap<>();
        for (RunJournal.Entry entry : journalled) {
            best.merge(entry.run().key(), entry,
                    (a, b) -> RunStanding.of(b.run()).beats(RunStanding.of(a.run())) ? b : a);
        }
        Map<RunKey, RunStanding> inTable = new HashMap<>();
        oldRuns.ifPresent(runs -> runs.select(functions.col(TRIAL_ID), functions.col(SEED),
                        functions.col(STATUS), functions.unix_millis(functions.col(FINISHED_AT)))
                .collectAsList().forEach(r -> inTable.put(new RunKey(r.getString(0), r.getLong(1)),
                        new RunStanding(RunStatus.of(r.getString(2)), r.isNullAt(3) ? Long.MIN_VALUE : r.getLong(3)))));
        List<RunJournal.Entry> entries = best.values().stream()
                .filter(e -> !inTable.containsKey(e.run().key())
                        || RunStanding.of(e.run()).beats(inTable.get(e.run().key())))
                .toList();
        Set<RunKey> replacedOk = entries.stream().map(e -> e.run().key())
                .filter(key -> inTable.containsKey(key) && inTable.get(key).status() == RunStatus.OK)
                .collect(Collectors.toSet());
        return new Winners(entries, replacedOk);
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
        StructType schema = TableSchemas.of(table, hyperparameters);
        List<Row> rows = new ArrayList<>();
        for (Row old : stored(table, schema)) {
            if (!replaced.contains(new RunKey(old.getAs(TRIAL_ID), old.<Long>getAs(SEED)))) {
                rows.add(old);
            }
        }
        winners.forEach(run -> rowsOf.apply(sweep, run).forEach(row -> rows.add(withSchema(schema, row))));
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
        return tables.read(table).map(old -> Conform.to(schema, old).collectAsList()).orElse(List.of());
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
