package io.sparksweep.results;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One merge of the journal into a sweep's tables (see {@link SweepStore#consolidate}). Tables that hold
 * runs are rewritten only when some journal record wins, so consolidating again changes nothing.
 */
final class Consolidation {

    private static final StructType RUN_KEYS = new StructType()
            .add("trial_id", DataTypes.StringType).add("seed", DataTypes.LongType);

    private final SparkSession spark;
    private final String sweep;
    private final SweepTables tables;

    Consolidation(SparkSession spark, String sweep, SweepTables tables) {
        this.spark = spark;
        this.sweep = sweep;
        this.tables = tables;
    }

    void run(Collection<RunRecord> journalled, SweepInfo info, List<TrialRecord> trials) {
        Optional<Dataset<Row>> oldRuns = tables.read(Table.RUNS);
        Optional<Dataset<Row>> oldTrials = tables.read(Table.TRIALS);
        List<RunRecord> winners = winners(journalled, oldRuns);
        HyperparameterColumns hyperparameters = HyperparameterColumns.of(existingFields(oldRuns, oldTrials),
                Stream.concat(winners.stream().map(RunRecord::hyperparameters),
                        trials.stream().map(TrialRecord::hyperparameters)).toList());

        List<Runnable> writes = new ArrayList<>();
        if (!winners.isEmpty() || !tables.exists(Table.RUNS)) {
            Dataset<Row> replaced = spark.createDataFrame(winners.stream()
                    .map(r -> RowFactory.create(r.trialId(), r.seed())).toList(), RUN_KEYS);
            writes.add(() -> merge(Table.RUNS, hyperparameters, replaced, winners,
                    (name, run) -> List.of(RunRows.run(name, run, hyperparameters))));
            writes.add(() -> merge(Table.EPOCHS, hyperparameters, replaced, winners, RunRows::epochs));
            writes.add(() -> merge(Table.CLASSES, hyperparameters, replaced, winners, RunRows::classes));
            writes.add(() -> merge(Table.CONFUSION, hyperparameters, replaced, winners, RunRows::confusion));
        }
        writes.add(() -> writeTrials(oldTrials, trials, hyperparameters));
        runSideBySide(writes);
        List<StructField> fields = hyperparameters.fields();
        Dataset<Row> runs = Conform.to(TableSchemas.of(Table.RUNS, fields), tables.read(Table.RUNS).orElseThrow());
        Dataset<Row> trialTable = Conform.to(TableSchemas.of(Table.TRIALS, fields),
                tables.read(Table.TRIALS).orElseThrow());
        tables.write(Table.SUMMARY, SummaryTable.build(spark, sweep, runs, trialTable, fields));
        tables.write(Table.SWEEP, spark.createDataFrame(List.of(sweepRow(info, firstStart(info))),
                TableSchemas.of(Table.SWEEP, List.of())));
    }

    /**
     * The table writes are independent one-partition Spark jobs, so they run as concurrent jobs: at the end
     * of a sweep the cores are idle and this is the part of the sweep's overhead that waits on them.
     */
    private void runSideBySide(List<Runnable> writes) {
        int threads = Math.max(1, Math.min(writes.size(), spark.sparkContext().defaultParallelism()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "sparksweep-table-write");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> pending = writes.stream().<Future<?>>map(pool::submit).toList();
            for (Future<?> write : pending) {
                write.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing tables; the journal still holds the runs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A resumed sweep keeps the start of its first call: `started` says when the sweep began. */
    private long firstStart(SweepInfo info) {
        return tables.read(Table.SWEEP)
                .map(old -> (Timestamp) old.first().getAs("started"))
                .map(started -> Math.min(started.getTime(), info.startedAt()))
                .orElse(info.startedAt());
    }

    /** Journal records that beat both the other journal records and the table row of the same run. */
    private List<RunRecord> winners(Collection<RunRecord> journalled, Optional<Dataset<Row>> oldRuns) {
        Map<RunKey, RunRecord> best = new LinkedHashMap<>();
        for (RunRecord run : journalled) {
            best.merge(run.key(), run, (a, b) -> RunStanding.of(b).beats(RunStanding.of(a)) ? b : a);
        }
        Map<RunKey, RunStanding> inTable = new HashMap<>();
        oldRuns.ifPresent(runs -> runs.select(functions.col("trial_id"), functions.col("seed"),
                        functions.col("status"), functions.unix_millis(functions.col("finished_at")))
                .collectAsList().forEach(r -> inTable.put(new RunKey(r.getString(0), r.getLong(1)),
                        new RunStanding(r.getString(2), r.isNullAt(3) ? Long.MIN_VALUE : r.getLong(3)))));
        return best.values().stream()
                .filter(run -> !inTable.containsKey(run.key()) || RunStanding.of(run).beats(inTable.get(run.key())))
                .toList();
    }

    private void merge(Table table, HyperparameterColumns hyperparameters, Dataset<Row> replaced,
                       List<RunRecord> winners, BiFunction<String, RunRecord, List<Row>> rowsOf) {
        StructType schema = TableSchemas.of(table, hyperparameters.fields());
        List<Row> rows = winners.stream().flatMap(r -> rowsOf.apply(sweep, r).stream()).toList();
        Dataset<Row> added = spark.createDataFrame(rows, schema);
        Dataset<Row> merged = tables.read(table)
                .map(old -> Conform.to(schema, old.join(replaced, replaced.columns(), "left_anti")).union(added))
                .orElse(added);
        tables.write(table, merged);
    }

    /** Trials of this spec replace the stored ones with the same id; trials of earlier specs stay. */
    private void writeTrials(Optional<Dataset<Row>> oldTrials, List<TrialRecord> trials,
                             HyperparameterColumns hyperparameters) {
        StructType schema = TableSchemas.of(Table.TRIALS, hyperparameters.fields());
        List<Row> rows = trials.stream().map(t -> trialRow(t, hyperparameters)).toList();
        Dataset<Row> added = spark.createDataFrame(rows, schema);
        Set<String> ids = trials.stream().map(TrialRecord::trialId).collect(Collectors.toSet());
        Dataset<Row> merged = oldTrials
                .map(old -> Conform.to(schema, old.filter(functions.not(functions.col("trial_id").isin(ids.toArray()))))
                        .union(added))
                .orElse(added);
        tables.write(Table.TRIALS, merged);
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
        return RowFactory.create(values.toArray());
    }

    private Row sweepRow(SweepInfo info, long startedAt) {
        return RowFactory.create(sweep, info.specText(), info.specHash(), info.seed(), info.repeats(),
                new Timestamp(startedAt), new Timestamp(info.finishedAt()), info.sparkMaster(), info.versions());
    }

    private static List<StructField> existingFields(Optional<Dataset<Row>> runs, Optional<Dataset<Row>> trials) {
        return Stream.of(runs, trials).flatMap(Optional::stream)
                .flatMap(t -> TableSchemas.hyperparameterFields(t.schema()).stream()).toList();
    }
}
