package io.sparksweep.bench;

import io.sparksweep.data.DataPreparation;
import io.sparksweep.data.PreparedData;
import io.sparksweep.engine.DistributedTraining;
import io.sparksweep.engine.SparkSessions;
import io.sparksweep.model.ModelFamilies;
import io.sparksweep.model.ModelSettings;
import io.sparksweep.model.layers.Dl4jEquivalents;
import io.sparksweep.run.EpochRecord;
import io.sparksweep.train.RunOutcome;
import io.sparksweep.train.RunTrainer;
import io.sparksweep.train.TrainingPlan;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench distributed}: one network trained data-parallel by dl4j-spark on W workers versus the same network
 * trained alone by one run (one thread), same data, seed and epochs, in interleaved rounds (A, B, A, B, ...) so
 * that a shared machine's load hits both alike.
 */
@Command(name = "distributed", mixinStandardHelpOptions = true,
        description = {"Data-parallel training (dl4j-spark parameter averaging over --workers) versus one run alone,",
                "in interleaved rounds; prints images/s and test accuracy per round and appends JSON lines to --out.",
                "Both sides use DL4J's own layers and updater; `alone-fast` adds the project's faster layers."})
public final class DistributedCommand implements Callable<Integer> {

    @Option(names = "--master", defaultValue = "local[2]",
            description = "Spark master for the data-parallel side. Default: ${DEFAULT-VALUE}.")
    String master;

    @Option(names = "--workers", defaultValue = "2", description = "Data-parallel workers. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--averaging-frequency", defaultValue = "5",
            description = "Minibatches per worker between parameter averagings. Default: ${DEFAULT-VALUE}.")
    int averagingFrequency;

    @Option(names = "--model", defaultValue = "lenet5", description = "Model family. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--train-limit", defaultValue = "6000", description = "Training images (10 %% go to validation). Default: ${DEFAULT-VALUE}.")
    int trainLimit;

    @Option(names = "--epochs", defaultValue = "2", description = "Epochs per side. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Minibatch size (per worker). Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--rounds", defaultValue = "2", description = "Interleaved A/B rounds. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--out", defaultValue = "results/bench/distributed.jsonl", description = "JSON lines file. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PreparedData data = new DataPreparation().prepare(Path.of("data/fashion-mnist"), true, trainLimit, 2000, 0.1, 42);
        String json = ModelFamilies.build(ModelSettings.defaults(model)).toJson();
        TrainingPlan plan = new TrainingPlan(batchSize, true, epochs, epochs);
        SparkSession spark = SparkSessions.start(master, "sparksweep-bench-distributed");
        for (int round = 1; round <= rounds; round++) {
            RunOutcome parallel = DistributedTraining.train(spark, json, plan, 7, data, epochs,
                    new DistributedTraining.Settings(workers, averagingFrequency), e -> { }).outcome();
            report(round, "data-parallel x" + workers, parallel, data);
            RunOutcome alone = new RunTrainer(data, 1, -1).train(Dl4jEquivalents.plainJson(json), plan, 7);
            report(round, "alone", alone, data);
            RunOutcome fast = new RunTrainer(data, 1, -1).train(json, plan, 7);
            report(round, "alone-fast", fast, data);
        }
        return 0;
    }

    private void report(int round, String side, RunOutcome o, PreparedData data) throws Exception {
        double seconds = o.epochs().stream().mapToDouble(EpochRecord::seconds).sum();
        double imagesPerSecond = (double) data.train().count() * o.epochs().size() / seconds;
        String line = String.format(Locale.ROOT,
                "{\"at\":\"%s\",\"round\":%d,\"side\":\"%s\",\"master\":\"%s\",\"model\":\"%s\",\"trainImages\":%d,"
                        + "\"epochs\":%d,\"batchSize\":%d,\"averagingFrequency\":%d,\"status\":\"%s\","
                        + "\"epochSeconds\":%.2f,\"imagesPerSecond\":%.1f,\"testAccuracy\":%.4f,\"loadAverage\":%.2f}",
                Instant.now(), round, side, master, model, data.train().count(), o.epochs().size(), batchSize,
                averagingFrequency, o.status(), seconds, imagesPerSecond, o.testAccuracy(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println(line);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
