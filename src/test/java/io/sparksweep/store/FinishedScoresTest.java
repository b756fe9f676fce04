package io.sparksweep.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.TestRuns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a search replays on resume: each stored run's validation metrics, from the runs table or, for old tables, epochs. */
class FinishedScoresTest {

    private static final SparkSession SPARK = LocalSpark.session();

    @TempDir
    Path root;

    private void sweep() {
        try (SweepStore store = new SweepStore(SPARK, root, TestRuns.SWEEP)) {
            store.journal(TestRuns.run("t1", 1).validation(0.71, 0.9).build());
            store.journal(TestRuns.run("t1", 2).validation(0.73, 0.8).build());
            store.journal(TestRuns.run("t2", 1).diverged().build());
            store.journal(TestRuns.run("t2", 2).failed("boom").build());
            store.consolidate(TestRuns.info(TestRuns.SWEEP), List.of(TestRuns.trial("t1", TestRuns.defaultSettings())));
        }
    }

    private Map<String, String> scores() {
        Map<String, String> out = new TreeMap<>();
        try (SweepStore store = new SweepStore(SPARK, root, TestRuns.SWEEP)) {
            store.finishedScores().forEach(s -> out.put(s.trialId() + "/" + s.seed(), s.status().label() + " "
                    + s.testAccuracy() + " " + s.validationAccuracy() + " " + s.validationLoss()));
        }
        return out;
    }

    private static final Map<String, String> EXPECTED = Map.of("t1/1", "ok 0.8 0.71 0.9", "t1/2", "ok 0.8 0.73 0.8",
            "t2/1", "diverged NaN NaN NaN");

    @Test
    void readsTheRunsTablesValidationColumns() {
        sweep();
        assertEquals(EXPECTED, scores(), "failed runs are not finished");
    }

    @Test
    void fallsBackToTheEpochsOfTheBestEpochForRunsTablesWrittenWithoutThem() throws IOException {
        sweep();
        withoutValidationColumns();
        SweepTables tables = SweepTables.reader(SPARK, ResultsRoot.of(root), TestRuns.SWEEP);
        assertTrue(!List.of(tables.read(Table.RUNS).orElseThrow().columns()).contains("val_accuracy"));
        assertEquals(EXPECTED, scores());
    }

    /** The runs table as versions before the validation columns wrote it, published in the current manifest. */
    private void withoutValidationColumns() throws IOException {
        Path sweep = root.resolve(TestRuns.SWEEP);
        SweepTables tables = SweepTables.reader(SPARK, ResultsRoot.of(root), TestRuns.SWEEP);
        Dataset<Row> runs = tables.read(Table.RUNS).orElseThrow().drop("val_accuracy", "val_loss");
        String relative = "runs/part-00000-old.snappy.parquet";
        ParquetTableFile.write(new org.apache.hadoop.conf.Configuration(), runs.schema(), runs.collectAsList(),
                sweep.resolve(relative));
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> manifests = Files.list(sweep.resolve(SweepTables.SNAPSHOTS))) {
            for (Path manifest : manifests.toList()) {
                ObjectNode content = (ObjectNode) json.readTree(manifest.toFile());
                ArrayNode files = ((ObjectNode) content.get("tables")).putArray(Table.RUNS.folder());
                files.add(relative);
                Files.write(manifest, json.writeValueAsBytes(content));
            }
        }
    }
}
