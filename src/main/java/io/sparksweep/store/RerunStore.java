package io.sparksweep.store;

import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static io.sparksweep.store.ColumnNames.FINISHED_AT;
import static io.sparksweep.store.ColumnNames.RUN_ID;
import static io.sparksweep.store.ColumnNames.STATUS;

/**
 * The reruns of one sweep folder: the tables {@code reruns}, {@code rerun_epochs} and {@code rerun_classes}, and a
 * journal ({@value #JOURNAL}) of finished rerun runs not yet in them. Same contract as the sweep's own runs
 * ({@link SweepStore}): a run is durable once {@link #journal} returns, {@link #finishedRunIds} is what a resumed
 * rerun skips (failed runs are retried), {@link #consolidate} merges the journal into the tables, each table
 * replaced atomically, and then drops the entries it consumed. A run's identity is its {@code run_id}.
 */
public final class RerunStore {

    static final String JOURNAL = "_rerun_journal";
    private static final int FORMAT = 1;

    private final SweepStore store;
    private final SweepTables tables;
    private final ObjectMapper mapper = new ObjectMapper();
    private final RunRecordJson runJson = new RunRecordJson();

    public RerunStore(SweepStore store) {
        this.store = store;
        this.tables = store.tables();
    }

    public void journal(RerunRecord rerun) {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("runId", rerun.runId());
        root.put("fullTrain", rerun.fullTrain());
        root.put("maxEpochs", rerun.maxEpochs());
        root.put("modelPath", rerun.modelPath());
        try {
            root.set("run", mapper.readTree(runJson.write(rerun.run())));
            store.writeFile(JOURNAL + "/" + rerun.runId() + "_" + rerun.run().finishedAt() + ".json",
                    mapper.writeValueAsBytes(root));
            store.faults().after("rerun journal");
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise rerun " + rerun.runId() + ": " + e.getMessage(), e);
        }
    }

    /** Run ids in the reruns table or the journal that ended ok or diverged. */
    public Set<String> finishedRunIds() {
        Set<String> finished = new TreeSet<>();
        tables.read(Table.RERUNS).ifPresent(t -> t.filter(functions.col(STATUS).notEqual(RunStatus.FAILED.label()))
                .select(RUN_ID).collectAsList().forEach(r -> finished.add(r.getString(0))));
        entries().values().stream().filter(r -> RunStanding.of(r.run()).finished())
                .forEach(r -> finished.add(r.runId()));
        return finished;
    }

    /** Merges the journal into the three tables; the tables are left alone when no journal record wins. */
    public void consolidate() {
        Map<String, RerunRecord> journalled = entries();
        Map<String, RerunRecord> best = new LinkedHashMap<>();
        journalled.values().forEach(r -> best.merge(r.runId(), r,
                (a, b) -> RunStanding.of(b.run()).beats(RunStanding.of(a.run())) ? b : a));
        Map<String, RunStanding> inTable = new HashMap<>();
        tables.read(Table.RERUNS).ifPresent(t -> t.select(functions.col(RUN_ID), functions.col(STATUS),
                functions.unix_millis(functions.col(FINISHED_AT))).collectAsList()
                .forEach(r -> inTable.put(r.getString(0), new RunStanding(RunStatus.of(r.getString(1)), r.isNullAt(2) ? Long.MIN_VALUE : r.getLong(2)))));
        List<RerunRecord> winners = best.values().stream()
                .filter(r -> !inTable.containsKey(r.runId()) || RunStanding.of(r.run()).beats(inTable.get(r.runId())))
                .toList();
        if (!winners.isEmpty()) {
            Set<String> replaced = new TreeSet<>(winners.stream().map(RerunRecord::runId).toList());
            SweepTables.Writer writer = tables.writer();
            merge(writer, Table.RERUNS, replaced, winners, r -> List.of(rerunRow(r)));
            merge(writer, Table.RERUN_EPOCHS, replaced, winners, this::epochRows);
            merge(writer, Table.RERUN_CLASSES, replaced, winners, this::classRows);
            writer.publish(store::checkLock);
        }
        for (String consumed : journalled.keySet()) {
            store.deleteFile(consumed);
            store.faults().after("journal");
        }
    }

    /** The reruns table, if any rerun was consolidated. */
    public Optional<Dataset<Row>> reruns() {
        return tables.read(Table.RERUNS);
    }

    /** Journal entries by their file (relative to the sweep folder). */
    private Map<String, RerunRecord> entries() {
        Map<String, RerunRecord> out = new LinkedHashMap<>();
        for (String name : store.listFiles(JOURNAL)) {
            if (!name.endsWith(".json")) {
                continue;
            }
            String relative = JOURNAL + "/" + name;
            byte[] bytes = store.readFile(relative).orElse(null);
            if (bytes != null) {
                out.put(relative, read(bytes, relative));
            }
        }
        return out;
    }

    private RerunRecord read(byte[] bytes, String source) {
        try {
            JsonNode root = mapper.readTree(bytes);
            if (root == null || root.path("format").asInt() != FORMAT) {
                throw new IllegalArgumentException("not a rerun journal entry (format " + FORMAT + ")");
            }
            RunRecord run = runJson.read(root.path("run").toString().getBytes(StandardCharsets.UTF_8), source);
            JsonNode path = root.path("modelPath");
            return new RerunRecord(run, root.path("runId").asText(), root.path("fullTrain").asBoolean(),
                    root.path("maxEpochs").asInt(), path.isNull() || path.isMissingNode() ? null : path.asText());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("unreadable rerun journal entry " + store.location() + "/" + source
                    + ": " + e.getMessage(), e);
        }
    }

    private void merge(SweepTables.Writer writer, Table table, Set<String> replaced, List<RerunRecord> winners,
                       Function<RerunRecord, List<Row>> rowsOf) {
        StructType schema = TableSchemas.of(table, List.of());
        List<Row> rows = new ArrayList<>();
        tables.read(table).ifPresent(old -> Conform.to(schema, old).collectAsList().stream()
                .filter(r -> !replaced.contains(r.<String>getAs(RUN_ID))).forEach(rows::add));
        winners.forEach(w -> rows.addAll(rowsOf.apply(w)));
        writer.write(table, schema, rows);
    }

    private Row rerunRow(RerunRecord rerun) {
        RunRecord run = rerun.run();
        return RowFactory.create(store.sweepName(), run.trialId(), rerun.runId(), run.model(), run.seed(),
                run.repeat(), rerun.fullTrain(), rerun.maxEpochs(), run.status().label(), run.error(),
                RunRows.nullIfNaN(run.testAccuracy()), RunRows.nullIfNaN(run.testLoss()),
                RunRows.nullIfNaN(ClassAverages.macro(run.classes()).f1()), run.epochsTrained(), run.bestEpoch(),
                run.trainSeconds(), run.executor(), run.gpu(), rerun.modelPath(), run.provenance(),
                new Timestamp(run.finishedAt()));
    }

    private List<Row> epochRows(RerunRecord rerun) {
        RunRecord run = rerun.run();
        return run.epochs().stream().map(e -> RowFactory.create(store.sweepName(), run.trialId(), rerun.runId(),
                run.seed(), e.epoch(), e.trainLoss(), e.valLoss(), e.valAccuracy(), e.seconds())).toList();
    }

    private List<Row> classRows(RerunRecord rerun) {
        RunRecord run = rerun.run();
        return run.classes().stream().map(c -> RowFactory.create(store.sweepName(), run.trialId(), rerun.runId(),
                run.seed(), c.label(), c.name(), c.precision(), c.recall(), c.f1(), c.support())).toList();
    }

}
