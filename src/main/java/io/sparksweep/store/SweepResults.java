package io.sparksweep.store;

import io.sparksweep.run.RunStatus;
import io.sparksweep.stats.RankMetric;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import static io.sparksweep.store.ColumnNames.ACTION;
import static io.sparksweep.store.ColumnNames.REPEAT;
import static io.sparksweep.store.ColumnNames.RUNG;
import static io.sparksweep.store.ColumnNames.RUN_TRIAL_ID;
import static io.sparksweep.store.ColumnNames.SEED;
import static io.sparksweep.store.ColumnNames.SEEDS;
import static io.sparksweep.store.ColumnNames.SPEC_TEXT;
import static io.sparksweep.store.ColumnNames.STATUS;
import static io.sparksweep.store.ColumnNames.SUPPORT;
import static io.sparksweep.store.ColumnNames.TRIAL_ID;

/**
 * Read side of one consolidated sweep, for reports such as the ranking of its trials. Its tables (one row per run,
 * trial, rung or class) are read into rows on this thread, without Spark SQL, whose first use in a JVM costs a second
 * or more at the end of every sweep; only tables too large for that go through Spark ({@link SweepTables#collect}).
 */
public final class SweepResults {

    private final ParquetTableFile.Contents runs;
    private final ParquetTableFile.Contents summary;
    private final SweepTables tables;

    private SweepResults(ParquetTableFile.Contents runs, ParquetTableFile.Contents summary, SweepTables tables) {
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
        return of(tables).orElseThrow(() -> missing(tables, tables.exists(Table.RUNS) ? Table.SUMMARY : Table.RUNS));
    }

    /** The read side over tables already resolved (one snapshot); empty when the runs or summary table is missing. */
    static Optional<SweepResults> of(SweepTables tables) {
        Optional<ParquetTableFile.Contents> runs = tables.collect(Table.RUNS);
        Optional<ParquetTableFile.Contents> summary = tables.collect(Table.SUMMARY);
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
        int summaryTrial = summary.index(TRIAL_ID);
        summary.stream().forEach(r -> values.put(r.getString(summaryTrial), new TreeMap<>()));
        if (!hasColumn(column)) {
            return values;
        }
        int trial = runs.index(TRIAL_ID);
        int seed = runs.index(SEED);
        int value = runs.index(column);
        okRuns().filter(r -> !r.isNullAt(value)).forEach(r -> values.computeIfAbsent(r.getString(trial),
                k -> new TreeMap<>()).put(r.getLong(seed), ((Number) r.get(value)).doubleValue()));
        return values;
    }

    private java.util.stream.Stream<Row> okRuns() {
        int status = runs.index(STATUS);
        return runs.stream().filter(r -> RunStatus.OK.label().equals(r.getString(status)));
    }

    /** Whether the runs table has the column (tables written before it existed do not). */
    public boolean hasColumn(String column) {
        return runs.has(column);
    }

    /** Ok runs whose value of the column is missing (null, or the column absent). */
    public long okRunsWithout(String column) {
        if (!hasColumn(column)) {
            return okRuns().count();
        }
        int value = runs.index(column);
        return okRuns().filter(r -> r.isNullAt(value)).count();
    }

    /** Runs by status label, for the ones that are not ok (failed, diverged). */
    public Map<String, Long> notOkRuns() {
        int status = runs.index(STATUS);
        Map<String, Long> out = new TreeMap<>();
        runs.stream().map(r -> r.getString(status)).filter(label -> !RunStatus.OK.label().equals(label))
                .forEach(label -> out.merge(label, 1L, Long::sum));
        return out;
    }

    /**
     * A halving sweep's trial ids of its last rung (the only runs that trained every epoch), from its promotions
     * table; empty for other sweeps. When no candidate reached the last rung yet, the highest rung reached.
     */
    public Optional<java.util.Set<String>> lastRungTrials() {
        return tables.collect(Table.PROMOTIONS).map(promotions -> {
            int rung = promotions.index(RUNG);
            int runTrial = promotions.index(RUN_TRIAL_ID);
            Optional<Integer> top = promotions.stream().filter(r -> !r.isNullAt(rung)).map(r -> r.getInt(rung))
                    .max(Integer::compare);
            return top.<java.util.Set<String>>map(last -> promotions.stream()
                    .filter(r -> !r.isNullAt(rung) && r.getInt(rung) == last).map(r -> r.getString(runTrial))
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)))
                    .orElse(java.util.Set.of());
        });
    }

    /**
     * How many configurations a halving sweep started from (the candidates of its promotions table, each counted
     * once over its rungs); empty for other sweeps.
     */
    public Optional<Long> halvingCandidates() {
        return tables.collect(Table.PROMOTIONS).map(promotions -> {
            int trial = promotions.index(TRIAL_ID);
            return promotions.stream().map(r -> r.getString(trial)).distinct().count();
        });
    }

    /**
     * A decided race's runs its decisions used, as seeds by trial id: each candidate's first seeds (repeats) up to
     * the look it left the race at (its {@code eliminated} or {@code failed} row), or the last look (the
     * {@code winner} row's) for those still in. Spare runs trained while a look waited are not among them. Empty for
     * other sweeps and for a race not decided yet (no winner row).
     */
    public Optional<Map<String, java.util.Set<Long>>> racedRuns() {
        return tables.collect(Table.RACE).flatMap(race -> {
            int raceTrial = race.index(TRIAL_ID);
            int action = race.index(ACTION);
            int seeds = race.index(SEEDS);
            Optional<Integer> last = race.stream().filter(r -> "winner".equals(r.getString(action)))
                    .map(r -> r.getInt(seeds)).findFirst();
            if (last.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Integer> left = new TreeMap<>();
            race.stream().filter(r -> !"winner".equals(r.getString(action)))
                    .forEach(r -> left.put(r.getString(raceTrial), r.getInt(seeds)));
            int trial = runs.index(TRIAL_ID);
            int seed = runs.index(SEED);
            int repeat = runs.index(REPEAT);
            Map<String, java.util.Set<Long>> raced = new TreeMap<>();
            runs.stream().forEach(r -> {
                if (r.isNullAt(repeat) || r.getInt(repeat) < left.getOrDefault(r.getString(trial), last.get())) {
                    raced.computeIfAbsent(r.getString(trial), k -> new java.util.TreeSet<>()).add(r.getLong(seed));
                }
            });
            return Optional.of(raced);
        });
    }

    /** Items in the test set, from the per-class support of one ok run; 0 when the classes table has none. */
    public long testItems() {
        return tables.collect(Table.CLASSES).map(classes -> {
            if (classes.rows().isEmpty()) {
                return 0L;
            }
            int trial = classes.index(TRIAL_ID);
            int seed = classes.index(SEED);
            int support = classes.index(SUPPORT);
            Row first = classes.rows().get(0);
            return classes.stream().filter(r -> java.util.Objects.equals(r.get(trial), first.get(trial))
                            && java.util.Objects.equals(r.get(seed), first.get(seed)) && !r.isNullAt(support))
                    .mapToLong(r -> ((Number) r.get(support)).longValue()).sum();
        }).orElse(0L);
    }

    /** The spec text of the sweep table (null when the table has none). */
    public String specText() {
        return tables.collect(Table.SWEEP).filter(sweep -> !sweep.rows().isEmpty())
                .map(sweep -> sweep.rows().get(0).getString(sweep.index(SPEC_TEXT))).orElse(null);
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
        int trial = summary.index(TRIAL_ID);
        for (Row row : summary.rows()) {
            Map<String, Object> settings = new LinkedHashMap<>();
            columns.forEach(c -> settings.put(c, summary.has(c) ? row.get(summary.index(c)) : null));
            out.put(row.getString(trial), settings);
        }
        return out;
    }

    private static IllegalArgumentException missing(SweepTables tables, Table table) {
        return new IllegalArgumentException("sweep folder has no " + table.folder() + " table: "
                + tables.location(table) + " (was the sweep consolidated?)");
    }
}
