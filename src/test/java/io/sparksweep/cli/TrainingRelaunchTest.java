package io.sparksweep.cli;

import io.sparksweep.testing.ProjectPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingRelaunchTest {

    private static final List<String> JAR = List.of("-Xmx2g", "-jar", "target/sparksweep.jar", "bench", "throughput");
    private static final List<String> BY_CLASS = List.of("-cp", "target/classes", "io.sparksweep.cli.Main", "run", "x.yaml");

    @Test
    void aJarLaunchTrainsInARelaunchedJvmEvenWhenTheThreadsAreChosen() {
        String[] bench = {"bench", "throughput"};
        assertTrue(TrainingRelaunch.needed(bench, JAR, false, false));
        assertTrue(TrainingRelaunch.needed(bench, JAR, false, true), "the bench scripts set OMP_NUM_THREADS themselves");
    }

    @Test
    void theChildSparkSubmitAndOtherCommandsAreNeverRelaunched() {
        String[] run = {"run", "x.yaml"};
        List<String> child = new java.util.ArrayList<>(List.of(TrainingRelaunch.RELAUNCHED));
        child.addAll(JAR);
        assertFalse(TrainingRelaunch.needed(run, child, false, true), "the child would relaunch itself forever");
        assertFalse(TrainingRelaunch.needed(run, JAR, true, false), "spark-submit sets the driver up itself");
        assertFalse(TrainingRelaunch.needed(new String[]{"sql", "SELECT 1"}, JAR, false, false));
        assertFalse(TrainingRelaunch.needed(new String[0], JAR, false, false));
    }

    @Test
    void aLaunchByClassNameRelaunchesOnlyWithoutOmpNumThreads() {
        // Tests start drivers by class name with OMP_NUM_THREADS=1 and kill them by pid: no child may appear.
        String[] run = {"run", "x.yaml"};
        assertFalse(TrainingRelaunch.needed(run, BY_CLASS, false, true));
        assertTrue(TrainingRelaunch.needed(run, BY_CLASS, false, false));
    }

    @Test
    void sparkDefaultsGiveExecutorsAndDriversTheRelaunchsJvmOptions() throws IOException {
        List<String> lines = Files.readAllLines(ProjectPaths.root().resolve("cluster/spark-defaults.conf"));
        for (String key : List.of("spark.executor.extraJavaOptions", "spark.driver.extraJavaOptions")) {
            List<String> options = lines.stream().filter(l -> l.startsWith(key + " ")).findFirst()
                    .map(l -> List.of(l.substring(key.length()).trim().split("\\s+"))).orElseThrow();
            assertTrue(options.containsAll(TrainingRelaunch.JVM_OPTIONS), key + " lacks " + TrainingRelaunch.JVM_OPTIONS);
            assertTrue(options.contains(TrainingRelaunch.NO_PHYSICAL_MEMORY_CHECK), key);
        }
        assertEquals(1, lines.stream().filter(l -> l.startsWith("spark.executorEnv.OMP_NUM_THREADS ")).count());
        String malloc = "spark.executorEnv." + TrainingRelaunch.MALLOC_VARIABLE;
        assertEquals(List.of(TrainingRelaunch.MALLOC_TUNABLES), lines.stream().filter(l -> l.startsWith(malloc + " "))
                .map(l -> l.substring(malloc.length()).trim()).toList(), "executors' malloc settings, as the relaunch's");
    }
}
