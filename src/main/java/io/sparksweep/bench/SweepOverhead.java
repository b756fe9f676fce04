package io.sparksweep.bench;

import io.sparksweep.store.ResultsRoot;
import io.sparksweep.engine.RunAssignment;
import io.sparksweep.engine.SweepEngine;
import io.sparksweep.engine.SweepOutcome;
import io.sparksweep.engine.SweepRequest;
import io.sparksweep.train.RunTrainer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * What the Spark engine costs on top of the training itself: the same runs through {@link SweepEngine}
 * on local Spark, and through a plain loop of {@code parallelism} threads in this JVM.
 */
public final class SweepOverhead {

    /**
     * @param engineSeconds     wall time of the engine call, Parquet tables included
     * @param loopSeconds       wall time of the plain loop (mean of the loop before and after the engine)
     * @param firstRunSeconds   from the engine call to the first run starting (journal check, broadcast, scheduling)
     * @param engineRunSeconds  training time of the engine's runs, added up (as each run measured it)
     * @param loopRunSeconds    the same for the plain loop's runs (mean of the two loops)
     * @param tailSeconds       from the last run finishing to the engine call returning (mostly the Parquet tables)
     */
    public record Result(int runs, int parallelism, double engineSeconds, double loopSeconds, double firstRunSeconds,
                         double engineRunSeconds, double loopRunSeconds, double tailSeconds) {

        public double overheadPercent() {
            return 100.0 * (engineSeconds - loopSeconds) / loopSeconds;
        }
    }

    private SweepOverhead() {
    }

    /**
     * Plain loop, engine, plain loop again: the loop's time is the mean of the two, so neither side gains
     * from running while the JIT is still compiling the training code.
     */
    public static Result measure(SparkSession spark, SweepRequest request, Path scratch, int parallelism)
            throws Exception {
        List<RunAssignment> runs = engineRuns(request);
        // One untimed run first: JIT and native library warm-up would otherwise count against whichever goes first.
        new RunTrainer(request.data(), 1, -1).train(runs.get(0).trial().networkJson(), runs.get(0).trial().plan(), 1);
        DoubleAdder loopRunSeconds = new DoubleAdder();
        double loopBefore = plainLoop(request, runs, parallelism, loopRunSeconds);
        long start = System.currentTimeMillis();
        SweepOutcome outcome = new SweepEngine(spark, new PrintWriter(new StringWriter())).run(request, ResultsRoot.of(scratch));
        long end = System.currentTimeMillis();
        double loopAfter = plainLoop(request, runs, parallelism, loopRunSeconds);
        Row times = spark.read().parquet(outcome.sweepDir().resolve("runs").toString())
                .selectExpr("min(cast(finished_at as double) - train_seconds)", "max(cast(finished_at as double))",
                        "sum(train_seconds)").first();
        return new Result(runs.size(), parallelism, (end - start) / 1000.0, (loopBefore + loopAfter) / 2,
                times.getDouble(0) - start / 1000.0, times.getDouble(2), loopRunSeconds.sum() / 2,
                end / 1000.0 - times.getDouble(1));
    }

    private static List<RunAssignment> engineRuns(SweepRequest request) {
        return SweepEngine.pendingRuns(request, Set.of());
    }

    private static double plainLoop(SweepRequest request, List<RunAssignment> runs, int parallelism,
                                    DoubleAdder runSeconds) throws Exception {
        ConcurrentLinkedQueue<RunAssignment> queue = new ConcurrentLinkedQueue<>(runs);
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new java.util.ArrayList<>();
            for (int i = 0; i < parallelism; i++) {
                workers.add(pool.submit(() -> {
                    RunTrainer trainer = new RunTrainer(request.data(), 1, -1);
                    for (RunAssignment run = queue.poll(); run != null; run = queue.poll()) {
                        runSeconds.add(trainer.train(run.trial().networkJson(), run.trial().plan(), run.seed()).seconds());
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
