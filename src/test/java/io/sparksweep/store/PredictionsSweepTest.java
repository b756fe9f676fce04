package io.sparksweep.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparksweep.engine.FixedRuns;
import io.sparksweep.engine.SpecSweeps;
import io.sparksweep.engine.SweepEngine;
import io.sparksweep.engine.SweepRequest;
import io.sparksweep.model.ModelFamilies;
import io.sparksweep.run.TestPredictions;
import io.sparksweep.spec.SpecLoader;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.testing.Slow;
import io.sparksweep.testing.StopAfter;
import io.sparksweep.testing.TestRuns;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The predictions table of real sweeps (real DL4J training, real Parquet): it agrees with what the runs recorded, the
 * SQL of the store chapter answers what it says, a sweep begun without predictions is resumed and published, and
 * what a run of 10,000 test items costs on disk.
 */
@Slow
class PredictionsSweepTest {

    private static final SparkSession SPARK = LocalSpark.session();
    private static final StringWriter CONSOLE = new StringWriter();

    @TempDir
    static Path dir;

    private static Path results;

    private static SweepRequest request(String name, int testLimit, String space, int repeats) {
        return request(name, 400, testLimit, 1, space, repeats);
    }

    private static SweepRequest request(String name, int trainLimit, int testLimit, int epochs, String space,
                                        int repeats) {
        String yaml = "name: " + name + "\n"
                + "data: {dataset: fashion-mnist, path: '" + ProjectPaths.fashionMnist() + "', trainLimit: " + trainLimit
                + ", testLimit: " + testLimit + ", validationFraction: 0.25}\n"
                + "model: lenet5\n"
                + "training: {maxEpochs: " + epochs + ", optimizer: adam}\n"
                + "space: " + space + "\n"
                + "repeats: " + repeats + "\n";
        return SpecSweeps.request(new SpecLoader(ModelFamilies.names(), ModelFamilies.optimizers())
                .loadText(yaml, name + ".yaml"));
    }

    private static SweepEngine engine() {
        return new SweepEngine(SPARK, new PrintWriter(CONSOLE, true));
    }

    @BeforeAll
    static void twoTrialsThreeSeeds() {
        results = dir.resolve("results");
        engine().run(request("pairs", 200, "{learningRate: [0.001, 0.02]}", 3), ResultsRoot.of(results));
        SqlViews.register(SPARK, results);
    }

    private static List<Row> sql(String query) {
        return SPARK.sql(query).collectAsList();
    }

    @Test
    void everyOkRunHasOneRowPerTestItemAgreeingWithItsAccuracyAndConfusion() {
        List<Row> runs = sql("SELECT r.trial_id, r.seed, r.test_accuracy, count(p.item) AS items, "
                + "sum(CASE WHEN p.predicted = p.label THEN 1 ELSE 0 END) AS right FROM runs r "
                + "LEFT JOIN predictions p ON p.sweep = r.sweep AND p.trial_id = r.trial_id AND p.seed = r.seed "
                + "WHERE r.sweep = 'pairs' AND r.status = 'ok' GROUP BY r.trial_id, r.seed, r.test_accuracy");
        assertEquals(6, runs.size(), CONSOLE.toString());
        for (Row run : runs) {
            assertEquals(200L, run.getLong(3), run.toString());
            assertEquals(run.getDouble(2), run.getLong(4) / 200.0, 0.0, "the same evaluation as the run's accuracy");
        }
        assertEquals(0L, sql("SELECT count(*) FROM (SELECT c.trial_id, c.seed, c.actual, c.predicted, c.count, "
                + "count(p.item) AS n FROM confusion c LEFT JOIN predictions p ON p.trial_id = c.trial_id "
                + "AND p.seed = c.seed AND p.label = c.actual AND p.predicted = c.predicted "
                + "GROUP BY c.trial_id, c.seed, c.actual, c.predicted, c.count) WHERE n <> count").get(0).getLong(0),
                "per-item answers add up to the confusion matrix");
        assertEquals(0L, sql("SELECT count(*) FROM predictions WHERE p_predicted < p_label "
                + "OR (predicted = label AND p_predicted <> p_label) OR p_label < 0 OR p_predicted > 1").get(0)
                .getLong(0), "the predicted class has the highest probability");
        assertEquals(200L, sql("SELECT count(DISTINCT item) FROM predictions").get(0).getLong(0));
        assertEquals(0L, sql("SELECT count(*) FROM (SELECT item FROM predictions GROUP BY item "
                + "HAVING count(DISTINCT label) > 1)").get(0).getLong(0), "item i has the same label in every run");
    }

    /** The McNemar query of docs/store.md, trial ids filled in. */
    static String mcnemar(String a, String b) {
        return """
                SELECT a.seed,
                       sum(CASE WHEN a.predicted = a.label AND b.predicted <> b.label THEN 1 ELSE 0 END) AS only_a_right,
                       sum(CASE WHEN a.predicted <> a.label AND b.predicted = b.label THEN 1 ELSE 0 END) AS only_b_right
                FROM predictions a
                JOIN predictions b ON b.sweep = a.sweep AND b.seed = a.seed AND b.item = a.item
                WHERE a.sweep = 'pairs' AND a.trial_id = '%s' AND b.trial_id = '%s'
                GROUP BY a.seed ORDER BY a.seed""".formatted(a, b);
    }

    /** The "items every seed gets wrong" query of docs/store.md. */
    static final String ALWAYS_WRONG = """
            SELECT trial_id, item, label, count(*) AS seeds,
                   concat_ws(',', array_sort(collect_set(cast(predicted AS string)))) AS predicted_as
            FROM predictions
            WHERE sweep = 'pairs'
            GROUP BY trial_id, item, label
            HAVING max(CASE WHEN predicted = label THEN 1 ELSE 0 END) = 0
            ORDER BY trial_id, item""";

    private static Map<String, Map<Long, Map<Integer, Boolean>>> rightByTrialSeedItem() {
        Map<String, Map<Long, Map<Integer, Boolean>>> out = new TreeMap<>();
        for (Row r : sql("SELECT trial_id, seed, item, predicted = label FROM predictions WHERE sweep = 'pairs'")) {
            out.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).computeIfAbsent(r.getLong(1), k -> new TreeMap<>())
                    .put(r.getInt(2), r.getBoolean(3));
        }
        return out;
    }

    @Test
    void theStoreChaptersMcNemarQueryCountsTheDiscordantItemsOfEachSeed() {
        Map<String, Map<Long, Map<Integer, Boolean>>> right = rightByTrialSeedItem();
        List<String> trials = new ArrayList<>(right.keySet());
        assertEquals(2, trials.size());
        List<Row> rows = sql(mcnemar(trials.get(0), trials.get(1)));
        assertEquals(3, rows.size(), "one line per seed");
        long discordant = 0;
        for (Row row : rows) {
            Map<Integer, Boolean> a = right.get(trials.get(0)).get(row.getLong(0));
            Map<Integer, Boolean> b = right.get(trials.get(1)).get(row.getLong(0));
            long onlyA = a.keySet().stream().filter(i -> a.get(i) && !b.get(i)).count();
            long onlyB = a.keySet().stream().filter(i -> !a.get(i) && b.get(i)).count();
            assertEquals(onlyA, row.getLong(1), row.toString());
            assertEquals(onlyB, row.getLong(2), row.toString());
            discordant += onlyA + onlyB;
        }
        assertTrue(discordant > 0, "two learning rates disagree on some items");
    }

    @Test
    void theStoreChaptersQueryFindsTheItemsEverySeedOfATrialGetsWrong() {
        Map<String, Map<Long, Map<Integer, Boolean>>> right = rightByTrialSeedItem();
        List<String> expected = new ArrayList<>();
        right.forEach((trial, seeds) -> new TreeSet<>(seeds.values().iterator().next().keySet()).forEach(item -> {
            if (seeds.values().stream().noneMatch(items -> items.get(item))) {
                expected.add(trial + "/" + item);
            }
        }));
        List<Row> rows = sql(ALWAYS_WRONG);
        assertEquals(expected, rows.stream().map(r -> r.getString(0) + "/" + r.getInt(1)).toList());
        assertTrue(!rows.isEmpty() && rows.stream().allMatch(r -> r.getLong(3) == 3), "wrong in all 3 seeds");
        System.out.println("items every seed gets wrong: " + rows.size() + ", e.g. " + rows.get(0));
    }

    /**
     * A sweep begun by a version without predictions: its first runs are published without a predictions table. The
     * same command run again by this version trains the rest, publishes, and only the new runs have predictions.
     */
    @Test
    void aSweepBegunWithoutPredictionsIsResumedAndPublishedWithTheNewRunsPredictions() throws IOException {
        Path root = dir.resolve("resumed");
        SweepRequest request = request("resumed", 100, "{learningRate: 0.001}", 3);
        engine().run(request.withSources((r, done, store) -> new StopAfter(FixedRuns.of(request, done), 1)),
                ResultsRoot.of(root));
        asWrittenBeforePredictions(root.resolve("resumed"));
        assertTrue(SweepTables.reader(SPARK, ResultsRoot.of(root), "resumed").read(Table.PREDICTIONS).isEmpty());

        engine().run(request, ResultsRoot.of(root));
        SweepTables tables = SweepTables.reader(SPARK, ResultsRoot.of(root), "resumed");
        assertEquals(3, tables.read(Table.RUNS).orElseThrow().filter("status = 'ok'").count(), CONSOLE.toString());
        Map<Long, Long> perSeed = new HashMap<>();
        tables.read(Table.PREDICTIONS).orElseThrow().groupBy("seed").count().collectAsList()
                .forEach(r -> perSeed.put(r.getLong(0), r.getLong(1)));
        assertEquals(List.of(100L, 100L), new ArrayList<>(perSeed.values()), "the two new runs, not the old one");
    }

    /** Removes the predictions table as a version without it would have published the sweep. */
    static void asWrittenBeforePredictions(Path sweep) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> manifests = Files.list(sweep.resolve(SweepTables.SNAPSHOTS))) {
            for (Path manifest : manifests.toList()) {
                ObjectNode root = (ObjectNode) json.readTree(manifest.toFile());
                ((ObjectNode) root.get("tables")).remove(Table.PREDICTIONS.folder());
                Files.write(manifest, json.writeValueAsBytes(root));
            }
        }
        try (Stream<Path> files = Files.walk(sweep.resolve(Table.PREDICTIONS.folder()))) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** What one run with the whole Fashion-MNIST test set (10,000 items) costs: its journal entry and its Parquet. */
    @Test
    void aRunOfTenThousandTestItemsCostsTensOfKilobytes() throws IOException {
        Path root = dir.resolve("full");
        // Trained far enough to be a typical run (about 80 % right): sizes depend on how sure and how right it is.
        engine().run(request("full", 6_000, 10_000, 2, "{learningRate: 0.002}", 1), ResultsRoot.of(root));
        SweepTables tables = SweepTables.reader(SPARK, ResultsRoot.of(root), "full");
        List<String> files = tables.files(Table.PREDICTIONS).orElseThrow();
        assertEquals(1, files.size());
        long parquet = Files.size(Path.of(java.net.URI.create(files.get(0))));
        List<Row> rows = tables.read(Table.PREDICTIONS).orElseThrow().orderBy("item").collectAsList();
        assertEquals(10_000, rows.size());
        int n = rows.size();
        int[] labels = new int[n];
        int[] predicted = new int[n];
        float[] pLabel = new float[n];
        float[] pPredicted = new float[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            labels[i] = r.getAs("label");
            predicted[i] = r.getAs("predicted");
            pLabel[i] = r.getAs("p_label");
            pPredicted[i] = r.getAs("p_predicted");
        }
        TestPredictions predictions = new TestPredictions(labels, predicted, pLabel, pPredicted);
        long start = System.nanoTime();
        String encoded = PredictionCodec.encode(predictions);
        double encodeMs = (System.nanoTime() - start) / 1e6;
        Row run = tables.read(Table.RUNS).orElseThrow().first();
        Path journal = dir.resolve("journal-probe");
        RunJournal probe = new RunJournal(journal);
        probe.append(TestRuns.run(run.getAs("trial_id"), run.getAs("seed")).accuracy(run.getAs("test_accuracy"))
                .build(), predictions);
        long entry;
        try (Stream<Path> entries = Files.list(journal)) {
            entry = Files.size(entries.findFirst().orElseThrow());
        }
        long without = new RunRecordJson().write(TestRuns.run("x", 1).build()).length;
        System.out.printf("one run, 10,000 test items (accuracy %.3f): journal predictions %d B (entry %d B, of which "
                + "%d B the rest of a test record; a real run's provenance adds %d B), encoded in %.1f ms; "
                + "Parquet file %d B%n", run.<Double>getAs("test_accuracy"), encoded.length(), entry, without,
                run.<String>getAs("provenance").length(), encodeMs, parquet);
        assertTrue(encoded.length() < 100_000, "journal predictions: " + encoded.length());
        assertTrue(parquet < 250_000, "Parquet: " + parquet);
        assertEquals(predictions, probe.entries().get(0).predictions().orElseThrow(), "the journal keeps them exactly");
    }
}
