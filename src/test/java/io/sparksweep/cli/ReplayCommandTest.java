package io.sparksweep.cli;

import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.testing.Slow;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `replay` on a real stored sweep (real training of a small grid): a race replayed on the exhaustive sweep's runs
 * decides exactly what the same race run for real decides, halving's promotions are replayed, bad input is one
 * line and exit 2.
 */
@Slow
class ReplayCommandTest {

    private static final String SPACE = "model: baseline\nspace: {learningRate: [0.002, 0.0007, 1.0e-6, 1.0e-7], "
            + "batchSize: 50}\nseed: 3\ntraining: {maxEpochs: 2}\n";

    @TempDir
    Path dir;

    @BeforeAll
    static void sharedSpark() {
        LocalSpark.session();
    }

    private Path spec(String name, String search) throws IOException {
        Path spec = dir.resolve(name + ".yaml");
        Files.writeString(spec, "name: " + name + "\ndata: {path: '" + ProjectPaths.fashionMnist()
                + "', trainLimit: 300, testLimit: 100, validationFraction: 0.2}\n" + SPACE + search);
        return spec;
    }

    @Test
    void replaysTheRaceARealRaceRunsAndHalvingsPromotions() throws IOException {
        String results = dir.resolve("results").toString();
        CliRun grid = CliRun.of("run", spec("grid", "repeats: 5\n").toString(), "--results", results,
                "--master", "local[2]");
        assertEquals(0, grid.exit(), grid.err());
        CliRun raced = CliRun.of("run", spec("raced", "search: {strategy: race}\nrepeats: {min: 2, max: 5}\n"
                + "race: {alpha: 0.05}\n").toString(), "--results", results, "--master", "local[2]");
        assertEquals(0, raced.exit(), raced.err());

        CliRun replay = CliRun.of("replay", "grid", "--strategy", "race", "--max-seeds", "5", "--results", results);
        assertEquals(0, replay.exit(), replay.err());
        String out = replay.out();
        System.out.print(out);
        assertTrue(out.contains("grid: race replayed over 4 trials, seeds 2-5 of the 5 stored, on validation accuracy; "
                + "alpha 0.05 over 3 looks at 3-5 seeds (0.0167 each), score step 0.0166667"), out);
        assertTrue(out.contains("look 2 seeds (4 in, 8 runs so far): "), out);
        assertTrue(out.contains("of 20 exhaustive (4 trials x 5 seeds)"), out);
        assertTrue(out.contains("(reported, not chosen on)"), out);

        // The real race's eliminations and winner are the replay's, line for line.
        List<Row> decisions = LocalSpark.session().read().parquet(dir.resolve("results/raced/race").toString())
                .orderBy("seeds", "trial_id").collectAsList();
        for (Row d : decisions) {
            String trial = d.getAs("trial_id");
            String action = d.getAs("action");
            if (action.equals("eliminated")) {
                assertTrue(out.lines().anyMatch(l -> l.startsWith("  eliminated  " + trial)), trial + "\n" + out);
            } else if (action.equals("winner")) {
                assertTrue(out.contains("winner " + trial + ":"), trial + "\n" + out);
            }
        }
        long eliminatedInReplay = out.lines().filter(l -> l.startsWith("  eliminated  ")).count();
        assertEquals(decisions.stream().filter(d -> "eliminated".equals(d.getAs("action"))).count(), eliminatedInReplay,
                out);

        CliRun halving = CliRun.of("replay", "grid", "--strategy", "halving", "--rungs", "1,2", "--reduction", "2",
                "--results", results);
        assertEquals(0, halving.exit(), halving.err());
        assertTrue(halving.out().contains("rung 1 (1 epochs): 4 in"), halving.out());
        assertTrue(halving.out().contains("rung 2 (2 epochs): 2 in"), halving.out());
        // 4 candidates x 5 seeds x 1 epoch, then 2 x 5 x 1 more: 30 of 40 run-epochs
        assertTrue(halving.out().contains("run-epochs: 30 of 40 exhaustive (4 trials x 5 seeds x 2 epochs) = 75 %"),
                halving.out());

        CliRun bad = CliRun.of("replay", "grid", "--strategy", "bandit", "--results", results);
        assertEquals(Main.EXIT_BAD_INPUT, bad.exit());
        assertTrue(bad.oneErrorLine() && bad.err().contains("'--strategy': unknown value 'bandit'; expected race or "
                + "halving"), bad.err());
        CliRun badSet = CliRun.of("replay", "grid", "--strategy", "race", "--select-on", "train", "--results", results);
        assertEquals(Main.EXIT_BAD_INPUT, badSet.exit());
        assertTrue(badSet.oneErrorLine() && badSet.err().contains("'--select-on': unknown selection set 'train'"),
                badSet.err());
        CliRun badMetric = CliRun.of("replay", "grid", "--strategy", "race", "--metric", "f1", "--results", results);
        assertEquals(Main.EXIT_BAD_INPUT, badMetric.exit());
        assertTrue(badMetric.oneErrorLine() && badMetric.err().contains("'--metric': unknown metric 'f1'"),
                badMetric.err());
        CliRun noRungs = CliRun.of("replay", "grid", "--strategy", "halving", "--results", results);
        assertEquals(Main.EXIT_BAD_INPUT, noRungs.exit());
        assertTrue(noRungs.oneErrorLine() && noRungs.err().contains("--rungs is needed"), noRungs.err());
        CliRun tooMany = CliRun.of("replay", "grid", "--strategy", "race", "--max-seeds", "9", "--results", results);
        assertEquals(Main.EXIT_BAD_INPUT, tooMany.exit());
        assertTrue(tooMany.oneErrorLine() && tooMany.err().contains("more than the 5 seeds stored"), tooMany.err());
        CliRun missing = CliRun.of("replay", "nope", "--strategy", "race", "--results", results);
        assertEquals(Main.EXIT_BAD_INPUT, missing.exit());
        assertTrue(missing.oneErrorLine() && missing.err().contains("no sweep 'nope'"), missing.err());
    }
}
