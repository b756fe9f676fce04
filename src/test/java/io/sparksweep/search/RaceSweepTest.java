package io.sparksweep.search;

import io.sparksweep.cli.Main;
import io.sparksweep.engine.SpecSweeps;
import io.sparksweep.engine.SweepEngine;
import io.sparksweep.engine.SweepOutcome;
import io.sparksweep.engine.SweepRequest;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.stats.Selection;
import io.sparksweep.run.RunStatus;
import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.store.ResultsRoot;
import io.sparksweep.testing.ChildJvmClasses;
import io.sparksweep.testing.Jvms;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.testing.Specs;
import io.sparksweep.testing.StopAfter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A race on real local Spark with real training: a learning rate that cannot learn in one epoch (1e-7)
 * against one that does. The race must eliminate it, decide the same on local[1] (a separate process, the
 * CLI) and local[2], and an interrupted race must resume to the same decisions without training a run twice.
 */
class RaceSweepTest {

    private static final String SPACE = """
            space:
              learningRate: [0.003, 1.0e-7]
              batchSize: 32
              patience: 1
            search: {strategy: race}
            repeats: {min: 2, max: 5}
            race: {alpha: 0.05}
            seed: 5
            """;

    private final SparkSession spark = LocalSpark.session();
    private final StringWriter console = new StringWriter();

    @TempDir
    Path results;

    private SweepDefinition spec(String name) {
        return Specs.tiny(name, SPACE);
    }

    private SweepOutcome race(String name) {
        SweepDefinition definition = spec(name);
        PrintWriter out = new PrintWriter(console, true);
        return SearchStrategies.of(definition).run(new SweepEngine(spark, out),
                SpecSweeps.request(definition), ResultsRoot.of(results), out);
    }

    /** (seeds, trial, action, against) of every decision, in order: what must not depend on timing. */
    private List<String> decisions(Path sweepDir) {
        List<String> out = new ArrayList<>();
        for (Row r : spark.read().parquet(sweepDir.resolve("race").toString()).collectAsList()) {
            out.add(r.getAs("seeds") + " " + r.getAs("trial_id") + " " + r.getAs("action") + " " + r.getAs("against_trial_id"));
        }
        return out;
    }

    private List<Row> runs(Path sweepDir) {
        return spark.read().parquet(sweepDir.resolve("runs").toString()).collectAsList();
    }

    @Test
    void eliminatesTheLearningRateThatCannotLearnAndDecidesTheSameOnOneOrTwoSlotsAndAfterAnInterruption()
            throws IOException, InterruptedException {
        race("race2");
        Path two = results.resolve("race2");
        assertEquals(List.of("00000000000000000001.json"), manifests(two),
                "one call of the race publishes one snapshot, its race table together with its runs");
        String manifest = Files.readString(two.resolve("_snapshots").resolve("00000000000000000001.json"));
        assertTrue(manifest.contains("\"race\"") && manifest.contains("\"runs\""), manifest);
        List<String> expected = decisions(two);
        List<Row> raceRows = spark.read().parquet(two.resolve("race").toString()).collectAsList();
        Row eliminated = raceRows.stream().filter(r -> "eliminated".equals(r.getAs("action"))).findFirst()
                .orElseThrow(() -> new AssertionError("nothing eliminated: " + expected + "\n" + console));
        assertTrue((Double) eliminated.getAs("p_value") <= (Double) eliminated.getAs("threshold"));
        assertTrue((Double) eliminated.getAs("mean") < (Double) eliminated.getAs("against_mean"));
        String loser = eliminated.getAs("trial_id");
        Row winner = raceRows.stream().filter(r -> "winner".equals(r.getAs("action"))).findFirst().orElseThrow();
        assertFalse(loser.equals(winner.getAs("trial_id")));
        List<Row> runs = runs(two);
        long loserRuns = runs.stream().filter(r -> loser.equals(r.getAs("trial_id"))).count();
        int lookSeeds = (Integer) eliminated.getAs("seeds");
        assertTrue(loserRuns <= lookSeeds + 1, "no seeds after the elimination beyond one spare run: " + loserRuns);
        // Which look eliminates is decided by the scores alone; how many spare runs started meanwhile is timing.
        assertTrue(lookSeeds < 5, "eliminated before the maximum of 5 seeds, at " + lookSeeds);
        assertTrue(runs.size() <= 2 * (lookSeeds + 1), "at most one spare run per candidate past the deciding look: "
                + runs.size());

        // The same spec interrupted after 3 runs (the driver stops; journaled runs stay), then run again.
        SweepDefinition definition = spec("race-resumed");
        SweepRequest request = SpecSweeps.request(definition);
        PrintWriter out = new PrintWriter(console, true);
        new SweepEngine(spark, out).run(request.withSources((r, done, store) -> new StopAfter(new RaceSource(
                request.name(), request.trials(), request.masterSeed(), definition.race(), RankMetric.ACCURACY,
                Selection.VALIDATION, RaceSearch.resolution(request, Selection.VALIDATION), List.of()), 3)),
                ResultsRoot.of(results));
        Path resumed = results.resolve("race-resumed");
        assertEquals(3, runs(resumed).size(), "interrupted after 3 runs");
        race("race-resumed");
        assertEquals(expected, decisions(resumed), "resumed race decides as the uninterrupted one");
        assertEquals(runs(resumed).size(), runs(resumed).stream().map(r -> r.getAs("trial_id") + "/" + r.getAs("seed"))
                .distinct().count(), "no run trained twice");

        // local[1] in its own JVM through the CLI: one run at a time, so a different order of completions.
        Path specFile = results.resolve("race1.yaml");
        Files.writeString(specFile, spec("race1").sourceText());
        assertEquals(0, cli(specFile, "local[1]"), Files.readString(results.resolve("race1.log")));
        assertEquals(expected, decisions(results.resolve("race1")), "local[1] decides as local[2]");
        assertTrue(runs(results.resolve("race1")).stream().allMatch(r -> RunStatus.OK.label().equals(r.getAs("status"))));
        String log = Files.readString(results.resolve("race1.log"));
        assertTrue(log.contains("race1: 0 run(s) already done, at most 10 to train on local[1]"),
                "2 candidates x up to 5 seeds: " + log);
        int trained = runs(results.resolve("race1")).size();
        assertTrue(log.lines().anyMatch(l -> l.contains("100% [") && l.contains(" " + trained + "/" + trained + " runs")),
                "the bar ends at the runs the race trained (" + trained + "): " + log);

        // One leader: the race table's winner row, the race's closing line, run's ranking and best name the same.
        String leader = spark.read().parquet(results.resolve("race1").resolve("race").toString())
                .collectAsList().stream().filter(r -> "winner".equals(r.getAs("action")))
                .map(r -> (String) r.getAs("trial_id")).findFirst().orElseThrow();
        assertTrue(log.contains("; winner " + leader + " (the leader of the sweep's ranking of the runs raced)"), log);
        assertTrue(log.lines().anyMatch(l -> l.startsWith("Leader " + leader + " is ")), "run's closing lines: " + log);
        assertTrue(log.lines().anyMatch(l -> l.matches("\\s+1  " + leader + " .* leader\\s*")), "run's rank 1: " + log);
        StringWriter best = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(best, true));
        assertEquals(0, cli.execute("best", "race1", "--results", results.toString(), "--format", "csv"));
        List<String> rows = best.toString().lines().filter(l -> !l.isBlank()).toList();
        int column = List.of(rows.get(0).split(",")).indexOf("trial_id");
        assertEquals(leader, rows.get(1).split(",")[column], "best's leader: " + best);
    }

    /** The snapshot manifests of a sweep folder, by name. */
    static List<String> manifests(Path sweepDir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(sweepDir.resolve("_snapshots"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    private int cli(Path spec, String master) throws IOException, InterruptedException {
        List<String> options = new ArrayList<>();
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.") || a.startsWith("-Dio.netty"))
                .forEach(options::add);
        options.addAll(List.of(Jvms.SHORT_LIVED_JIT, "-Xmx2g"));
        List<String> command = ChildJvmClasses.shared().command(options, "io.sparksweep.cli.Main",
                "run", spec.toString(), "--results", results.toString(), "--master", master);
        ProcessBuilder builder = new ProcessBuilder(command).directory(ProjectPaths.root().toFile())
                .redirectErrorStream(true).redirectOutput(results.resolve("race1.log").toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI race did not finish");
        }
        return process.exitValue();
    }
}
