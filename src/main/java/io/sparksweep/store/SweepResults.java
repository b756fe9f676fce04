package io.sparksweep.store;

import io.sparksweep.run.RunStatus;
import io.sparksweep.stats.RankMetric;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import static io.sparksweep.store.ColumnNames.RUNG;
import static io.sparksweep.store.ColumnNames.RUN_TRIAL_ID;
import static io.sparksweep.store.ColumnNames.SEED;
import static io.sparksweep.store.ColumnNames.SPEC_TEXT;
import static io.sparksweep.store.ColumnNames.STATUS;
import static io.sparksweep.store.ColumnNames.SUPPORT;
import static io.sparksweep.store.ColumnNames.TRIAL_ID;

/** Read side of one consolidated sweep, for reports such as the ranking of its trials. */
public final class SweepResults {

    private final Dataset<Row> runs;
    private final Dataset<Row> summary;
    private final SweepTables tables;

    private SweepResults(Dataset<Row> runs, Dataset<Row> summary, SweepTables tables) {
        this.runs = runs;
        this.summary = summary;
        this.tables = tables;
    }

    /** @throws IllegalArgumentException naming the sweep and the sweeps that do exist */
    public static SweepResults open(SparkSession spark, Path root, String sweep) {
        return open(spark, ResultsRoot.of(root), sweep);
    }

    /**
     * Reads the sweep's current snapshot: a consolidation running meanwhile does not change what this reads.
     *
     * @throws IllegalArgumentException naming the sweep and the sweeps that do exist
     */
    public static SweepResults open(SparkSession spark, ResultsRoot root, String sweep) {
        List<String> sweeps = SqlViews.sweepNames(root, spark.sparkContext().hadoopConfiguration());
        if (!sweeps.contains(sweep)) {
            throw new IllegalArgumentException("no sweep '" + sweep + "' in results folder "
                    + root + " (sweeps: " + String.join(", ", sweeps) + ")");
        }
        SweepTables tables = SweepTables.reader(spark, root, sweep);
        Dataset<Row> runs = tables.read(Table.RUNS).orElseThrow(() -> missing(tables, Table.RUNS));
        Dataset<Row> summary = tables.read(Table.SUMMARY).orElseThrow(() -> missing(tables, Table.SUMMARY));
        return new SweepResults(runs, summary, tables);
    }

    /** The read side over tables already resolved (one snapshot); empty when the runs or summary table is missing. */
    static Optional<SweepResults> of(SweepTables tables) {
        Optional<Dataset<Row>> runs = tables.read(Table.RUNS);
        Optional<Dataset<Row>> summary = tables.read(Table.SUMMARY);
        return runs.isPresent() && summary.isPresent()
                ? Optional.of(new SweepResults(runs.get(), summary.get(), tables)) : Optional.empty();
    }

    /**
     * The files of every table the sweep has, by table folder name, all from its current snapshot (one
     * consistent version even while a consolidation runs); empty when the sweep folder has no tables. Needs no
     * Spark.
     */
    public static Map<String, List<String>> snapshotFiles(ResultsRoot root, Configuration conf, String sweep) {
        SweepTables tables = new SweepTables(null, StoreFs.of(root, conf),
                new org.apache.hadoop.fs.Path(root.sweepLocation(sweep)), StoreFaults.NONE).pin();
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Table table : Table.values()) {
            tables.files(table).ifPresent(files -> out.put(table.folder(), files));
        }
        return out;
    }

    /**
     * The metric over each trial's ok runs, by seed; every trial of the summary is present, perhaps with no
     * values. Seeds let the ranking pair repeat r of one trial with repeat r of another.
     */
    public Map<String, SortedMap<Long, Double>> okValuesBySeed(RankMetric metric) {
        return okValuesBySeed(metric.column());
    }

    /** {@link #okValuesBySeed(RankMetric)} of any numeric column of the runs table; empty maps if it is absent. */
    public Map<String, SortedMap<Long, Double>> okValuesBySeed(String column) {
        Map<String, SortedMap<Long, Double>> values = new TreeMap<>();
        summary.select(TRIAL_ID).collectAsList().forEach(r -> values.put(r.getString(0), new TreeMap<>()));
        if (!hasColumn(column)) {
            return values;
        }
        runs.filter(functions.col(STATUS).equalTo(RunStatus.OK.label()).and(functions.col(column).isNotNull()))
                .select(TRIAL_ID, SEED, column).collectAsList()
                .forEach(r -> values.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
                        .put(r.getLong(1), r.getDouble(2)));
        return values;
    }

    /** Whether the runs table has the column (tables written before it existed do not). */
    public boolean hasColumn(String column) {
        return List.of(runs.columns()).contains(column);
    }

    /** Ok runs whose value of the column is missing (null, or the column absent). */
    public long okRunsWithout(String column) {
        Dataset<Row> ok = runs.filter(functions.col(STATUS).equalTo(RunStatus.OK.label()));
        return hasColumn(column) ? ok.filter(functions.col(column).isNull()).count() : ok.count();
    }

    /** Runs by status label, for the ones that are not ok (failed, diverged). */
    public Map<String, Long> notOkRuns() {
        Map<String, Long> out = new TreeMap<>();
        runs.filter(functions.col(STATUS).notEqual(RunStatus.OK.label())).groupBy(STATUS).count().collectAsList()
                .forEach(r -> out.put(r.getString(0), r.getLong(1)));
        return out;
    }

    /**
     * A halving sweep's trial ids of its last rung (the only runs that trained every epoch), from its promotions
     * table; empty for other sweeps. When no candidate reached the last rung yet, the highest rung reached.
     */
    public Optional<java.util.Set<String>> lastRungTrials() {
        return tables.read(Table.PROMOTIONS).map(promotions -> {
            Row top = promotions.agg(functions.max(RUNG)).first();
            if (top.isNullAt(0)) {
                return java.util.Set.of();
            }
            return promotions.filter(functions.col(RUNG).equalTo(top.getInt(0))).select(RUN_TRIAL_ID)
                    .collectAsList().stream().map(r -> r.getString(0))
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        });
    }

    /**
     * How many configurations a halving sweep started from (the candidates of its promotions table, each counted
     * once over its rungs); empty for other sweeps.
     */
    public Optional<Long> halvingCandidates() {
        return tables.read(Table.PROMOTIONS).map(promotions -> promotions.select(TRIAL_ID).distinct().count());
    }

    /**
     * A decided race's runs its decisions used, as seeds by trial id: each candidate's first seeds (repeats) up to
     * the look it left the race at (its {@code eliminated} or {@code failed} row), or the last look (the
     * {@code winner} row's) for those still in. Spare runs trained while a look waited are not among them. Empty for
     * other sweeps and for a race not decided yet (no winner row).
     */
    public Optional<Map<String, java.util.Set<Long>>> racedRuns() {
        return tables.read(Table.RACE).flatMap(race -> {
            List<Row> rows = race.select("trial_id", "action", "seeds").collectAsList();
            Optional<Integer> last = rows.stream().filter(r -> "winner".equals(r.getString(1)))
                    .map(r -> r.getInt(2)).findFirst();
            if (last.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Integer> left = new TreeMap<>();
            rows.stream().filter(r -> !"winner".equals(r.getString(1))).forEach(r -> left.put(r.getString(0), r.getInt(2)));
            Map<String, java.util.Set<Long>> raced = new TreeMap<>();
            runs.select("trial_id", "seed", "repeat").collectAsList().forEach(r -> {
                if (r.isNullAt(2) || r.getInt(2) < left.getOrDefault(r.getString(0), last.get())) {
                    raced.computeIfAbsent(r.getString(0), k -> new java.util.TreeSet<>()).add(r.getLong(1));
                }
            });
            return Optional.of(raced);
        });
    }

    /** Items in the test set, from the per-class support of one ok run; 0 when the classes table has none. */
    public long testItems() {
        return tables.read(Table.CLASSES).map(classes -> {
            List<Row> rows = classes.groupBy(TRIAL_ID, SEED).agg(functions.sum(SUPPORT)).limit(1)
                    .collectAsList();
            return rows.isEmpty() || rows.get(0).isNullAt(2) ? 0L : rows.get(0).getLong(2);
        }).orElse(0L);
    }

    /** The spec text of the sweep table (null when the table has none). */
    public String specText() {
        return tables.read(Table.SWEEP).map(Dataset::collectAsList).filter(rows -> !rows.isEmpty())
                .map(rows -> (String) rows.get(0).getAs(SPEC_TEXT)).orElse(null);
    }

    /** Hyperparameter column names, in table order. */
    public List<String> hyperparameterColumns() {
        return TableSchemas.hyperparameterFields(summary.schema()).stream().map(StructField::name).toList();
    }

    /** The model column followed by the hyperparameter columns: what tells one trial from another. */
    public List<String> settingColumns() {
        List<String> columns = new ArrayList<>(List.of(ColumnNames.MODEL_KEY));
        columns.addAll(hyperparameterColumns());
        return columns;
    }

    /** Each trial's model and hyperparameter values by column name (null where a trial lacks one). */
    public Map<String, Map<String, Object>> settingsByTrial() {
        List<String> columns = settingColumns();
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Row row : summary.collectAsList()) {
            Map<String, Object> settings = new LinkedHashMap<>();
            columns.forEach(c -> settings.put(c, row.getAs(c)));
            out.put(row.getAs(TRIAL_ID), settings);
        }
        return out;
    }

    private static IllegalArgumentException missing(SweepTables tables, Table table) {
        return new IllegalArgumentException("sweep folder has no " + table.folder() + " table: "
                + tables.location(table) + " (was the sweep consolidated?)");
    }
}
