package io.sparksweep.store;

import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunStatus;
import io.sparksweep.testing.TestRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunJournalTest {

    @TempDir
    Path dir;

    @Test
    void runRoundTripsWithHyperparameterTypesAndConfusionMatrix() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("learningRate", 1.0); // a whole Double must not come back as Integer
        settings.put("filters", 32);
        settings.put("augment", true);
        settings.put("optimizer", "sgd");
        RunRecord written = TestRuns.run("t-1", 99L).settings(settings).build();
        RunJournal journal = new RunJournal(dir);

        journal.append(written);
        RunRecord read = journal.entries().get(0).run();

        assertEquals(List.of("learningRate", "filters", "augment", "optimizer"),
                List.copyOf(read.hyperparameters().keySet()));
        assertEquals(Double.class, read.hyperparameters().get("learningRate").getClass());
        assertEquals(Integer.class, read.hyperparameters().get("filters").getClass());
        assertEquals(Boolean.class, read.hyperparameters().get("augment").getClass());
        assertEquals(settings, read.hyperparameters());
        assertEquals(2, read.confusion().length);
        assertArrayEquals(written.confusion()[0], read.confusion()[0]);
        assertArrayEquals(written.confusion()[1], read.confusion()[1]);
        assertEquals(written.epochs(), read.epochs());
        assertEquals(written.classes(), read.classes());
        assertEquals(written.key(), read.key());
        assertEquals(written.finishedAt(), read.finishedAt());
        assertNull(read.gpu());
        assertNull(read.error());
    }

    @Test
    void notANumberMetricsOfADivergedRunSurvive() {
        RunJournal journal = new RunJournal(dir);
        journal.append(TestRuns.run("t", 1).diverged().build());

        RunRecord read = journal.entries().get(0).run();

        assertEquals(RunStatus.DIVERGED, read.status());
        assertTrue(Double.isNaN(read.testAccuracy()));
        assertTrue(Double.isNaN(read.epochs().get(1).valLoss()));
        assertEquals(0, read.confusion().length);
    }

    @Test
    void writesLeaveOnlyCompleteJsonFilesAndStaleTempFilesAreDropped() throws IOException {
        Files.writeString(dir.resolve(".half-written.json.tmp"), "{\"format\":1,");
        RunJournal journal = new RunJournal(dir);
        journal.append(TestRuns.run("a", 1).build());
        journal.append(TestRuns.run("a", 2).build());

        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertEquals(2, names.size(), names.toString());
            assertTrue(names.stream().allMatch(n -> n.endsWith(".json") && !n.startsWith(".")), names.toString());
        }
        journal.remove(journal.entries());
        assertTrue(journal.entries().isEmpty());
    }

    @Test
    void unsupportedHyperparameterTypeIsRejectedNamingTheKey() {
        Map<String, Object> settings = Map.of("epochs", 10L);
        RunJournal journal = new RunJournal(dir);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> journal.append(TestRuns.run("t", 1).settings(settings).build()));
        assertTrue(error.getMessage().contains("'epochs'") && error.getMessage().contains("Long"), error.getMessage());
    }

    @Test
    void corruptEntryNamesItsFile() throws IOException {
        RunJournal journal = new RunJournal(dir);
        Files.writeString(dir.resolve("broken.json"), "{not json");

        IllegalStateException error = assertThrows(IllegalStateException.class, journal::entries);
        assertTrue(error.getMessage().contains("broken.json"), error.getMessage());
    }
}
