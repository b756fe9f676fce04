package io.sparksweep.bench;

import io.sparksweep.train.BlasKernel;
import io.sparksweep.train.NativeAcceleration;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import io.sparksweep.model.layers.FusedAdamUpdater;
import io.sparksweep.model.layers.FusedLayers;
import io.sparksweep.model.layers.HeapHandoff;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Training throughput of DL4J networks: N networks side by side in this JVM, T ND4J threads each, timed
 * over fixed-size windows after a warm-up. A measuring tool, not a trainer: no epochs, no evaluation.
 *
 * <p>Layer helpers and ND4J's element-wise thread cap are process-wide, so experiments must not run
 * concurrently with each other or with training in the same JVM.
 */
public final class ThroughputBench {

    private ThroughputBench() {
    }

    /**
     * @param model      name for the results
     * @param confForRun network configuration of run i (e.g. a different seed per run)
     */
    public static BenchResult run(BenchConfig config, String model, IntFunction<MultiLayerConfiguration> confForRun,
                                  LabelledImages data) throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double loadBefore = os.getSystemLoadAverage();
        AtomicLong timingStartNanos = new AtomicLong();
        AtomicLong timingStartCpu = new AtomicLong();
        Set<Long> runThreads = ConcurrentHashMap.newKeySet();
        AtomicReference<CpuSnapshot> timingStart = new AtomicReference<>();
        AtomicLong buffersAtStart = new AtomicLong();
        CyclicBarrier initialised = new CyclicBarrier(config.runs());
        CyclicBarrier warmedUp = new CyclicBarrier(config.runs(), () -> {
            timingStart.set(CpuSnapshot.take(runThreads));
            timingStartCpu.set(os.getProcessCpuTime());
            timingStartNanos.set(System.nanoTime());
            buffersAtStart.set(Nd4j.getDeallocatorService().nextValue());
        });

        String savedHelpers = System.getProperty(NativeAcceleration.HELPERS_DISABLE_PROPERTY);
        NativeAcceleration.setLayerHelpers(config.layerHelpers());
        ExecutorService pool = Executors.newFixedThreadPool(config.runs());
        List<RunOutcome> outcomes = new ArrayList<>();
        CpuSnapshot timingEnd;
        long buffersCreated;
        try {
            List<Future<RunOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < config.runs(); i++) {
                int run = i;
                futures.add(pool.submit(() -> {
                    runThreads.add(Thread.currentThread().getId());
                    return runOne(run, config, confForRun.apply(run), data, initialised, warmedUp);
                }));
            }
            for (Future<RunOutcome> f : futures) {
                outcomes.add(f.get());
            }
            // Read while the pool's threads are still alive: a finished thread has no CPU time to read.
            timingEnd = CpuSnapshot.take(runThreads);
            // Every ND4J data buffer takes the next value of this counter as its id (the read takes one too).
            buffersCreated = Nd4j.getDeallocatorService().nextValue() - buffersAtStart.get() - 1;
        } catch (ExecutionException e) {
            throw new IllegalStateException("bench run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            if (savedHelpers == null) {
                System.clearProperty(NativeAcceleration.HELPERS_DISABLE_PROPERTY);
            } else {
                System.setProperty(NativeAcceleration.HELPERS_DISABLE_PROPERTY, savedHelpers);
            }
        }
        long endNanos = outcomes.stream().mapToLong(RunOutcome::endNanos).max().orElseThrow();
        double wallSeconds = (endNanos - timingStartNanos.get()) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - timingStartCpu.get()) / 1e9;
        double timedImages = (double) config.runs() * config.windows() * config.windowBatches() * config.batchSize();

        List<RunResult> runs = outcomes.stream().map(RunOutcome::result).toList();
        MultiLayerConfiguration conf0 = confForRun.apply(0);
        return new BenchResult(config, model, conf0.getDataType().name(),
                conf0.getTrainingWorkspaceMode().name(), runs,
                round(runs.stream().mapToDouble(RunResult::medianImagesPerSec).sum()),
                round(timedImages / wallSeconds), Math.round(cpuSeconds / wallSeconds * 100) / 100.0,
                round(timedImages / cpuSeconds),
                loadBefore, os.getSystemLoadAverage(), jvmDescription(),
                timingEnd.since(timingStart.get(), cpuSeconds, wallSeconds), ThreadCpu.cpuModel(),
                Runtime.getRuntime().availableProcessors(), System.getenv(BlasKernel.VARIABLE),
                round(buffersCreated / ((double) config.runs() * config.windows() * config.windowBatches())));
    }

    /** CPU nanoseconds so far of the runs' threads and of the JVM's service threads by kind. */
    private record CpuSnapshot(long runThreadsNanos, Map<ThreadCpu.Kind, Long> jvmThreads) {

        static CpuSnapshot take(Set<Long> runThreads) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (long id : runThreads) {
                sum += Math.max(0, threads.getThreadCpuTime(id));
            }
            return new CpuSnapshot(sum, ThreadCpu.byKind());
        }

        CpuUse since(CpuSnapshot start, double processCpuSeconds, double wallSeconds) {
            double training = (runThreadsNanos - start.runThreadsNanos) / 1e9;
            double jit = delta(start, ThreadCpu.Kind.JIT);
            double gc = delta(start, ThreadCpu.Kind.GC);
            double other = Math.max(0, processCpuSeconds - training - jit - gc);
            return new CpuUse(cores(training, wallSeconds), cores(jit, wallSeconds), cores(gc, wallSeconds),
                    cores(other, wallSeconds), Math.round(jvmThreads.getOrDefault(ThreadCpu.Kind.JIT, 0L) / 1e7) / 100.0);
        }

        private double delta(CpuSnapshot start, ThreadCpu.Kind kind) {
            return (jvmThreads.getOrDefault(kind, 0L) - start.jvmThreads.getOrDefault(kind, 0L)) / 1e9;
        }

        private static double cores(double seconds, double wallSeconds) {
            return Math.round(seconds / wallSeconds * 1000) / 1000.0;
        }
    }

    private record RunOutcome(RunResult result, long endNanos) {
    }

    private static RunOutcome runOne(int run, BenchConfig config, MultiLayerConfiguration conf, LabelledImages data,
                                     CyclicBarrier initialised, CyclicBarrier warmedUp)
            throws InterruptedException, BrokenBarrierException {
        NativeAcceleration.useThreadsOnCurrentThread(config.threadsPerRun());
        MultiLayerNetwork net = new MultiLayerNetwork(config.fusedLayers() ? FusedLayers.swapIn(conf.clone()) : conf);
        net.init();
        boolean fusedAdam = config.fusedAdam() && FusedAdamUpdater.install(net).isPresent();
        if (config.heapHandoff()) {
            HeapHandoff.wire(net);
        }
        MinibatchFeed feed = new MinibatchFeed(data, config.batchSize(), conf.getDataType(), channelsLast(conf),
                config.batchSource(), run);
        if (config.stepMode() == StepMode.FIT_SCORE_LISTENER) {
            net.setListeners(new ScoreReader());
        }
        initialised.await();

        steps(net, feed, config, config.warmupBatches());
        warmedUp.await();
        List<Double> rates = new ArrayList<>();
        for (int w = 0; w < config.windows(); w++) {
            long start = System.nanoTime();
            steps(net, feed, config, config.windowBatches());
            double seconds = (System.nanoTime() - start) / 1e9;
            rates.add(round(config.windowBatches() * (double) config.batchSize() / seconds));
        }
        long end = System.nanoTime();
        NativeAcceleration.ThreadSettings threads = NativeAcceleration.currentThreadSettings();
        RunResult result = new RunResult(run, List.copyOf(rates), median(rates),
                NativeAcceleration.helperReport(net).summary(), fusedAdam ? "fused-adam" : "dl4j", net.numParams(),
                threads);
        return new RunOutcome(result, end);
    }

    private static void steps(MultiLayerNetwork net, MinibatchFeed feed, BenchConfig config, int count) {
        if (count == 0) {
            return;
        }
        if (config.stepMode() == StepMode.FIT_ITERATOR) {
            net.fit(new FeedIterator(feed, count, config.batchSize()));
            return;
        }
        for (int i = 0; i < count; i++) {
            DataSet batch = feed.next();
            switch (config.stepMode()) {
                case FIT, FIT_SCORE_LISTENER -> net.fit(batch);
                case GRADIENT_ONLY -> {
                    net.setInput(batch.getFeatures());
                    net.setLabels(batch.getLabels());
                    net.computeGradientAndScore();
                }
                case INFERENCE -> net.output(batch.getFeatures(), false);
                default -> throw new IllegalStateException(config.stepMode().name());
            }
        }
    }

    private static boolean channelsLast(MultiLayerConfiguration conf) {
        return conf.getConf(0).getLayer() instanceof ConvolutionLayer c && c.getCnn2dDataFormat() == CNN2DFormat.NHWC;
    }

    /** What a trainer's per-iteration listener minimally does: read the score. */
    private static final class ScoreReader extends BaseTrainingListener {
        private double sink;

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            sink += model.score();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : round((sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String jvmDescription() {
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining("+"));
        String flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX") || a.startsWith("-Xm"))
                .collect(Collectors.joining(" "));
        return "java " + Runtime.version() + ", gc " + gcs + (flags.isEmpty() ? "" : ", " + flags);
    }
}
