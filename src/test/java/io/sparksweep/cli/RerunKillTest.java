package io.sparksweep.cli;

import io.sparksweep.store.ResultsRoot;
import io.sparksweep.store.SweepResults;
import io.sparksweep.testing.Folders;
import io.sparksweep.testing.Jvms;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.testing.Slow;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.sparksweep.testing.Folders.copyTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code kill -9} of the {@code rerun} command: once right after its first run is journaled (runs still in
 * flight), once as its first rerun table file appears. Each time the same command run again exits 0 and leaves every
 * fresh seed in the {@code reruns} table once, with the journal consumed.
 */
@Slow
@Execution(ExecutionMode.CONCURRENT)
class RerunKillTest {

    private static final String SWEEP = "rerunkilled";
    private static final int SEEDS = 3;

    @TempDir
    Path dir;

    @Test
    void killedAtAnyInstantTheSameRerunCommandCompletesItsTablesWithEverySeedOnce() throws Exception {
        SparkSession spark = LocalSpark.session();
        Path spec = Files.writeString(dir.resolve(SWEEP + ".yaml"), "name: " + SWEEP + "\n"
                + "data: {path: '" + ProjectPaths.fashionMnist() + "', trainLimit: 200, testLimit: 100, "
                + "validationFraction: 0.2}\nmodel: baseline\nspace: {learningRate: [0.002], batchSize: 50}\n"
                + "repeats: 2\ntraining: {maxEpochs: 1}\n");
        Path swept = dir.resolve("swept");
        CliRun sweep = CliRun.of("run", spec.toString(), "--results", swept.toString());
        assertEquals(0, sweep.exit(), sweep.err());
        Map<String, Predicate<Path>> instants = Map.of(
                "after its first journaled run", folder -> journalEntries(folder) >= 1,
                "as its first rerun table file appears", folder -> Files.isDirectory(folder.resolve("reruns")));
        try (Jvms jvms = new Jvms(dir.resolve("jvms"))) {
            int n = 0;
            for (Map.Entry<String, Predicate<Path>> instant : instants.entrySet()) {
                Path root = dir.resolve("killed-" + n++);
                copyTree(swept, root);
                Process process = jvms.start("rerun-" + n, List.of("-Xmx1g"), Map.of("OMP_NUM_THREADS", "1"),
                        "io.sparksweep.cli.Main", "rerun", SWEEP, "--seeds", Integer.toString(SEEDS),
                        "--results", root.toString());
                Path folder = root.resolve(SWEEP);
                jvms.killAt("rerun-" + n, process, () -> instant.getValue().test(folder), 0);

                CliRun again = CliRun.of("rerun", SWEEP, "--seeds", Integer.toString(SEEDS), "--results", root.toString());
                assertEquals(0, again.exit(), instant.getKey() + ": " + again.err());
                List<String> runIds = rerunIds(spark, root);
                assertEquals(SEEDS, runIds.size(), instant.getKey() + ": " + runIds);
                assertEquals(SEEDS, runIds.stream().distinct().count(), instant.getKey() + ": twice: " + runIds);
                assertEquals(0, journalEntries(folder), instant.getKey() + ": the journal is consumed");
            }
        }
    }

    private static List<String> rerunIds(SparkSession spark, Path root) {
        List<String> files = SweepResults.snapshotFiles(ResultsRoot.of(root), new Configuration(), SWEEP)
                .getOrDefault("reruns", List.of());
        assertTrue(!files.isEmpty(), "no reruns table in the snapshot");
        return spark.read().parquet(files.toArray(String[]::new)).select("run_id").collectAsList().stream()
                .map(r -> r.getString(0)).sorted().toList();
    }

    private static long journalEntries(Path sweepDir) {
        return Folders.journalEntries(sweepDir.resolve("_journal"));
    }
}
