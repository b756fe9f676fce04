package io.sparksweep.bench;

import io.sparksweep.engine.SparkSessions;
import io.sparksweep.engine.SpecSweeps;
import io.sparksweep.engine.SweepRequest;
import io.sparksweep.model.ModelFamilies;
import io.sparksweep.spec.SpecLoader;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code bench overhead}: extra wall time of a sweep through Spark versus a plain loop with the same parallelism. */
@Command(name = "overhead", mixinStandardHelpOptions = true,
        description = {"Sweep overhead: K LeNet-5 runs through the Spark engine on local[P] versus a plain loop of P",
                "threads in one JVM (same runs, same seeds), plus the time from the engine call to the first run.",
                "Appends a JSON line to --out and prints it."})
public final class OverheadCommand implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "8", description = "K runs (configurations x seeds). Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--parallelism", defaultValue = "2", description = "P parallel runs (local[P]). Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--train-limit", defaultValue = "20000", description = "Training images per run. Default: ${DEFAULT-VALUE}.")
    int trainLimit;

    @Option(names = "--epochs", defaultValue = "2", description = "Epochs per run. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--out", defaultValue = "results/bench/overhead.jsonl", description = "JSON lines file. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        String spec = """
                name: bench-overhead
                data: {dataset: fashion-mnist, trainLimit: %d, testLimit: 2000}
                model: lenet5
                space: {learningRate: [0.001, 0.002], patience: 100}
                repeats: %d
                training: {maxEpochs: %d}
                """.formatted(trainLimit, Math.max(1, runs / 2), epochs);
        SweepRequest request = SpecSweeps.request(new SpecLoader(ModelFamilies.names(), ModelFamilies.optimizers())
                .loadText(spec, "bench-overhead.yaml"));
        SparkSession spark = SparkSessions.start("local[" + parallelism + "]", "sparksweep-bench-overhead");
        Path scratch = Files.createTempDirectory("sparksweep-overhead");
        SweepOverhead.Result r = SweepOverhead.measure(spark, request, scratch, parallelism);
        String line = String.format(java.util.Locale.ROOT,
                "{\"date\":\"%s\",\"runs\":%d,\"parallelism\":%d,\"engineSeconds\":%.2f,\"loopSeconds\":%.2f,"
                        + "\"overheadPercent\":%.2f,\"firstRunSeconds\":%.2f,\"engineRunSeconds\":%.2f,"
                        + "\"loopRunSeconds\":%.2f,\"tailSeconds\":%.2f,\"loadAverage\":%.2f,\"cpuModel\":\"%s\"}",
                LocalDate.now(), r.runs(), r.parallelism(), r.engineSeconds(), r.loopSeconds(), r.overheadPercent(),
                r.firstRunSeconds(), r.engineRunSeconds(), r.loopRunSeconds(), r.tailSeconds(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                ThreadCpu.cpuModel().replace("\\", "").replace("\"", ""));
        System.out.println(line);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return 0;
    }
}
