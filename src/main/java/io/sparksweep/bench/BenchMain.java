package io.sparksweep.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import io.sparksweep.model.ModelFamilies;
import io.sparksweep.model.ModelSettings;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

/**
 * Command-line front of {@link ThroughputBench}: one experiment per invocation (JVM-wide settings such as
 * GC flags or OMP_NUM_THREADS need a fresh JVM anyway). Prints one JSON line and optionally appends it to
 * a file; src/bench/run-java-bench.sh runs the standard experiment matrix.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = {"Training throughput on Fashion-MNIST (images/s): N networks side by side, one Java thread each,",
                "timed windows after warm-up. --network family (default) trains what a sweep trains; --network",
                "reference trains the fixed twins of src/bench/pytorch_bench.py, whose knobs (--dtype, --workspace,",
                "--cache, --activation, --format) exist for experiments."})
public final class BenchMain implements Callable<Integer> {

    /** Which network a run trains. */
    enum Network {
        /** The sweep's own model family with its default settings, exactly as the engine builds it. */
        FAMILY,
        /** {@link BenchModels}: fixed, tweakable, the same layers as the PyTorch yardstick. */
        REFERENCE
    }

    @Option(names = "--model", defaultValue = "lenet5", description = "lenet5 | minivgg")
    String model;
    @Option(names = "--network", defaultValue = "FAMILY", description = "FAMILY | REFERENCE. Default: ${DEFAULT-VALUE}.")
    Network network;
    @Option(names = "--label", defaultValue = "", description = "experiment name in the output")
    String label;
    @Option(names = "--runs", defaultValue = "1", description = "networks training side by side")
    int runs;
    @Option(names = "--threads", defaultValue = "1", description = "ND4J threads per run")
    int threads;
    @Option(names = "--helpers", defaultValue = "true", arity = "1", description = "oneDNN layer helpers")
    boolean helpers;

    @Option(names = "--fused-adam", defaultValue = "true", arity = "1",
            description = "Adam in the project's fused Java loop where the network allows it (false: DL4J's updater)")
    boolean fusedAdam;

    @Option(names = "--heap-handoff", defaultValue = "true", arity = "1",
            description = "the project's layers pass heap copies to their neighbours (false: each copies from native)")
    boolean heapHandoff;

    @Option(names = "--fused-layers", defaultValue = "true", arity = "1",
            description = "dense and softmax output layers keep their forward results for backprop and compute bias,"
                    + " activation and loss in Java, as a sweep trains them (false: DL4J's layers)")
    boolean fusedLayers;
    @Option(names = "--dtype", defaultValue = "FLOAT")
    DataType dataType;
    @Option(names = "--workspace", defaultValue = "ENABLED")
    WorkspaceMode workspaceMode;
    @Option(names = "--cache", defaultValue = "NONE")
    CacheMode cacheMode;
    @Option(names = "--activation", description = "hidden activation override, e.g. RELU")
    Activation activation;
    @Option(names = "--format", defaultValue = "NCHW", description = "NCHW | NHWC")
    CNN2DFormat format;
    @Option(names = "--profile", description = "ND4J op profiler on; prints time per op to stderr (slows the run)")
    boolean profile;
    @Option(names = "--tweaks", split = ",", description = "project layer implementations: INPUT_CONV, ELU_LAYER, BN_TWO_PASS")
    java.util.Set<ModelOptions.Tweak> tweaks = java.util.Set.of();
    @Option(names = "--batches", defaultValue = "PREBUILT", description = "PREBUILT | PER_BATCH")
    BatchSource batchSource;
    @Option(names = "--step", defaultValue = "FIT",
            description = "FIT | FIT_SCORE_LISTENER | FIT_ITERATOR | GRADIENT_ONLY | INFERENCE")
    StepMode stepMode;
    @Option(names = "--batch-size", defaultValue = "64")
    int batchSize;
    @Option(names = "--warmup", defaultValue = "100", description = "warm-up steps")
    int warmup;
    @Option(names = "--window", defaultValue = "200", description = "steps per timing window")
    int window;
    @Option(names = "--windows", defaultValue = "3")
    int windows;
    @Option(names = "--data", defaultValue = "data/fashion-mnist")
    Path data;
    @Option(names = "--out", description = "append the JSON line to this file")
    Path out;

    private static MultiLayerConfiguration familyNetwork(String family, long seed) {
        MultiLayerConfiguration conf = ModelFamilies.build(ModelSettings.defaults(family));
        conf.getConfs().forEach(layer -> layer.setSeed(seed));
        return conf;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true)
                .setOverwrittenOptionsAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        LabelledImages images = LabelledImages.fashionMnistTrain(data);
        ModelOptions options = new ModelOptions(dataType, workspaceMode, cacheMode, activation, format, 42, tweaks);
        BenchConfig config = new BenchConfig(label, runs, threads, helpers, batchSize, warmup, window, windows,
                batchSource, stepMode, fusedAdam, heapHandoff, fusedLayers);
        if (profile) {
            Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true)
                    .checkWorkspaces(false).build());
        }
        BenchResult result = ThroughputBench.run(config, model, run -> network == Network.FAMILY
                ? familyNetwork(model, 42 + run) : BenchModels.byName(model, options.withSeed(42 + run)), images);
        String json = new ObjectMapper().writeValueAsString(result);
        System.out.println(json);
        System.err.printf("%s %s: %d x %d threads %s, helpers %s -> %.0f images/s total (per run %s), cores busy %.2f"
                        + " (%.0f images/cpu-s; cores: training %.2f, JIT %.2f, GC %.2f, other %.2f), ND4J buffers per"
                        + " step %.0f, load %.2f, %s%n",
                label, model, runs, threads,
                result.runs().get(0).threads(),
                result.runs().get(0).helpers() + ", updater " + result.runs().get(0).updater(),
                result.aggregateImagesPerSec(),
                result.runs().stream().map(r -> String.format("%.0f", r.medianImagesPerSec())).toList(),
                result.cpuCoresBusy(), result.imagesPerCpuSecond(), result.cpu().training(), result.cpu().jit(),
                result.cpu().gc(), result.cpu().other(), result.nd4jBuffersPerStep(), result.loadAverageBefore(),
                result.cpuModel());
        if (profile) {
            OpProfiler.getInstance().printOutDashboard();
        }
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return 0;
    }
}
