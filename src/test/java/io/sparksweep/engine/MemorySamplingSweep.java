package io.sparksweep.engine;

import io.sparksweep.model.ModelFamilies;
import io.sparksweep.run.RunRecord;
import io.sparksweep.spec.SpecLoader;
import io.sparksweep.store.ResultsRoot;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The program {@link MemoryFlatTest} starts in a JVM of its own, so that nothing else the suite runs grows the memory
 * it reads: local Spark (this JVM is the executor) trains {@value #RUNS} small runs in a row, and after every 10th
 * finished run it prints {@code sample <runs> <heap bytes after a full GC> <resident bytes>}.
 *
 * <p>args: the results folder.
 */
public final class MemorySamplingSweep {

    static final int RUNS = 100;
    static final String SAMPLE = "sample";

    private MemorySamplingSweep() {
    }

    public static void main(String[] args) {
        String yaml = """
                name: memory
                data: {dataset: fashion-mnist, path: '%s', trainLimit: 100, testLimit: 50, validationFraction: 0.25}
                model: lenet5
                training: {maxEpochs: 1, optimizer: adam}
                space: {learningRate: [0.001, 0.002], batchSize: 25}
                repeats: %d
                seed: 11
                """.formatted(ProjectPaths.fashionMnist(), RUNS / 2);
        SweepRequest request = SpecSweeps.request(new SpecLoader(ModelFamilies.names(), ModelFamilies.optimizers())
                .loadText(yaml, "memory.yaml"));
        Sampling source = new Sampling(FixedRuns.of(request, Set.of()));
        SparkSession spark = LocalSpark.session();
        try {
            SweepOutcome outcome = new SweepEngine(spark, new PrintWriter(new StringWriter()))
                    .run(request.withSources((r, f, store) -> source), ResultsRoot.of(Path.of(args[0])));
            System.out.println("outcome: ok " + outcome.ok());
        } finally {
            spark.stop();
        }
    }

    /** Wraps the fixed list and samples memory after every 10th finished run. */
    private static final class Sampling implements RunSource {
        private final RunSource runs;
        private int finished;

        Sampling(RunSource runs) {
            this.runs = runs;
        }

        @Override
        public Optional<RunAssignment> next() {
            return runs.next();
        }

        @Override
        public void finished(RunRecord run) {
            runs.finished(run);
            if (++finished % 10 == 0) {
                System.gc();
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                System.out.println(SAMPLE + " " + finished + " " + heap + " " + residentBytes());
            }
        }

        @Override
        public boolean exhausted() {
            return runs.exhausted();
        }

        private static long residentBytes() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("no VmRSS in /proc/self/status");
        }
    }
}
