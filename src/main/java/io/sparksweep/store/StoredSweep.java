package io.sparksweep.store;

import io.sparksweep.stats.RankingChoice;
import io.sparksweep.run.RunStatus;
import io.sparksweep.stats.BestRanking;
import io.sparksweep.stats.Correction;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.stats.Ranking;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static io.sparksweep.store.ColumnNames.BEST_EPOCH;
import static io.sparksweep.store.ColumnNames.MODEL;
import static io.sparksweep.store.ColumnNames.NETWORK_JSON;
import static io.sparksweep.store.ColumnNames.ORIGIN;
import static io.sparksweep.store.ColumnNames.PLAN_JSON;
import static io.sparksweep.store.ColumnNames.PROVENANCE;
import static io.sparksweep.store.ColumnNames.SEED;
import static io.sparksweep.store.ColumnNames.SPEC_TEXT;
import static io.sparksweep.store.ColumnNames.STATUS;
import static io.sparksweep.store.ColumnNames.TRIAL_ID;

/** What a rerun reads back from a finished sweep: its spec and seed, a trial's exact network and plan, its runs. */
public final class StoredSweep {

    /** How the Java API's description of its space began, which tells old sweep tables without an origin. */
    static final String JAVA_API_DESCRIPTION = "Java API sweep";

    /**
     * A trial as the sweep stored it.
     *
     * @param planJson the training plan; null in tables written before the column existed (2026-11-30)
     */
    public record StoredTrial(String trialId, String model, String networkJson, String planJson) {
    }

    private final String name;
    private final SweepResults results;
    private final Dataset<Row> runs;
    private final Dataset<Row> trials;
    private final Row sweep;

    private StoredSweep(String name, SweepResults results, Dataset<Row> runs, Dataset<Row> trials, Row sweep) {
        this.name = name;
        this.results = results;
        this.runs = runs;
        this.trials = trials;
        this.sweep = sweep;
    }

    /** @throws IllegalArgumentException naming the sweep (and the sweeps that exist), or the missing table */
    public static StoredSweep open(SparkSession spark, Path root, String sweep) {
        return open(spark, ResultsRoot.of(root), sweep);
    }

    /** @throws IllegalArgumentException naming the sweep (and the sweeps that exist), or the missing table */
    public static StoredSweep open(SparkSession spark, ResultsRoot root, String sweep) {
        SweepResults results = SweepResults.open(spark, root, sweep);
        SweepTables tables = SweepTables.reader(spark, root, sweep);
        Dataset<Row> runs = tables.read(Table.RUNS).orElseThrow();
        Dataset<Row> trials = tables.read(Table.TRIALS).orElseThrow(() -> new IllegalArgumentException(
                "sweep folder has no trials table: " + tables.location(Table.TRIALS)));
        Row info = tables.read(Table.SWEEP).map(Dataset::first).orElseThrow(() -> new IllegalArgumentException(
                "sweep folder has no sweep table: " + tables.location(Table.SWEEP)));
        return new StoredSweep(sweep, results, runs, trials, info);
    }

    public String name() {
        return name;
    }

    /** The spec's text (or, for a Java API sweep, a description of its space). */
    public String specText() {
        return sweep.getAs(SPEC_TEXT);
    }

    /**
     * Which route made the sweep. Sweep tables written before the {@code origin} column are told by their text: the
     * Java API's description of its space began with {@value #JAVA_API_DESCRIPTION}.
     */
    public SweepInfo.Origin origin() {
        if (Arrays.asList(sweep.schema().fieldNames()).contains(ORIGIN) && sweep.getAs(ORIGIN) != null) {
            return SweepInfo.Origin.of(sweep.getAs(ORIGIN));
        }
        String text = specText();
        return text != null && text.startsWith(JAVA_API_DESCRIPTION) ? SweepInfo.Origin.JAVA_API : SweepInfo.Origin.SPEC;
    }

    public long masterSeed() {
        return sweep.<Long>getAs(SEED);
    }

    /** @throws IllegalArgumentException if the sweep has no such trial */
    public StoredTrial trial(String trialId) {
        List<Row> rows = trials.filter(functions.col(TRIAL_ID).equalTo(trialId)).collectAsList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("sweep '" + name + "' has no trial '" + cap(trialId) + "' ("
                    + trials.count() + " trials; `best " + name + "` lists them)");
        }
        Row row = rows.get(0);
        boolean hasPlan = Arrays.asList(row.schema().fieldNames()).contains(PLAN_JSON);
        return new StoredTrial(trialId, row.getAs(MODEL), row.getAs(NETWORK_JSON),
                hasPlan ? row.getAs(PLAN_JSON) : null);
    }

    /**
     * The sweep's ranking, computed as every command computes it ({@link SweepRanking}).
     */
    public Ranking ranking(RankingChoice choice) {
        return SweepRanking.of(results, choice);
    }

    /** The sweep's own choice: its spec's metric and selection set. */
    public RankingChoice specChoice() {
        return SweepRanking.specChoice(specText());
    }

    /**
     * The leader of {@link #ranking(RankingChoice)}.
     *
     * @throws IllegalArgumentException if no trial has an ok run
     */
    public String leader(RankingChoice choice) {
        Ranking ranking = ranking(choice);
        if (ranking.entries().isEmpty()) {
            throw new IllegalArgumentException("sweep '" + name + "' has no ok run: no leader to rerun");
        }
        return ranking.entries().get(0).trialId();
    }

    /** How many trials the leader was picked from: those ranked by {@link #ranking(RankingChoice)}. */
    public int rankedTrials(RankingChoice choice) {
        return ranking(choice).entries().size();
    }

    /** The metric over the trial's ok runs. */
    public double[] okValues(String trialId, RankMetric metric) {
        return results.okValuesBySeed(metric).getOrDefault(trialId, new java.util.TreeMap<>()).values().stream()
                .mapToDouble(Double::doubleValue).toArray();
    }

    /** Mean of the best epoch over the trial's ok runs: the epoch count early stopping settled on. */
    public OptionalDouble meanBestEpoch(String trialId) {
        return okRuns(trialId).select(BEST_EPOCH).collectAsList().stream()
                .filter(r -> !r.isNullAt(0)).mapToInt(r -> r.getInt(0)).average();
    }

    /** The data fingerprint the trial's runs recorded ({@code data.sha256} in their provenance). */
    public Optional<String> dataFingerprint(String trialId) {
        ObjectMapper mapper = new ObjectMapper();
        for (Row r : okRuns(trialId).select(PROVENANCE).limit(1).collectAsList()) {
            try {
                JsonNode sha = mapper.readTree(r.getString(0)).path("data.sha256");
                return sha.isTextual() ? Optional.of(sha.asText()) : Optional.empty();
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Dataset<Row> okRuns(String trialId) {
        return runs.filter(functions.col(TRIAL_ID).equalTo(trialId).and(functions.col(STATUS).equalTo(RunStatus.OK.label())));
    }

    private static String cap(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
