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
import java.util.SortedMap;
import java.util.TreeMap;

/** Read side of one consolidated sweep, for reports such as the ranking of its trials. */
public final class SweepResults {

    private final Dataset<Row> runs;
    private final Dataset<Row> summary;

    private SweepResults(Dataset<Row> runs, Dataset<Row> summary) {
        this.runs = runs;
        this.summary = summary;
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
        return new SweepResults(runs, summary);
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
        Map<String, SortedMap<Long, Double>> values = new TreeMap<>();
        summary.select(ColumnNames.TRIAL_ID).collectAsList().forEach(r -> values.put(r.getString(0), new TreeMap<>()));
        runs.filter(functions.col(ColumnNames.STATUS).equalTo(RunStatus.OK.label())
                        .and(functions.col(metric.column()).isNotNull()))
                .select(ColumnNames.TRIAL_ID, ColumnNames.SEED, metric.column()).collectAsList()
                .forEach(r -> values.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
                        .put(r.getLong(1), r.getDouble(2)));
        return values;
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
            out.put(row.getAs(ColumnNames.TRIAL_ID), settings);
        }
        return out;
    }

    private static IllegalArgumentException missing(SweepTables tables, Table table) {
        return new IllegalArgumentException("sweep folder has no " + table.folder() + " table: "
                + tables.location(table) + " (was the sweep consolidated?)");
    }
}
