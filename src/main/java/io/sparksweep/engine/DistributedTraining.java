package io.sparksweep.engine;

import io.sparksweep.data.PreparedData;
import io.sparksweep.model.RunFacts;
import io.sparksweep.model.layers.Dl4jEquivalents;
import io.sparksweep.run.EpochRecord;
import io.sparksweep.run.Augmentation;
import io.sparksweep.train.BatchFeed;
import io.sparksweep.train.RunOutcome;
import io.sparksweep.train.RunScoring;
import io.sparksweep.train.RunTrainer;
import io.sparksweep.train.TrainingPlan;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains ONE network data-parallel across the executors with dl4j-spark's parameter averaging: every worker fits
 * its own copy on its share of the minibatches, and every {@code averagingFrequency} minibatches the driver
 * averages the copies' parameters (and updater state) and sends them out again. Per epoch the driver scores the
 * averaged network on the validation set, like a normal run ({@link RunScoring}), and keeps the best epoch.
 *
 * <p>The network runs with DL4J's own layers and updater ({@link Dl4jEquivalents#plainJson}): the project's
 * faster layers and fused Adam are installed by {@link RunTrainer} only, and dl4j-spark builds its worker copies
 * itself.
 */
public final class DistributedTraining {

    /** Minibatches each worker fits between two parameter averagings (dl4j-spark's default is 5). */
    public static final int DEFAULT_AVERAGING_FREQUENCY = 5;

    /**
     * @param workers            data-parallel copies of the network (0: Spark's default parallelism, i.e. all
     *                           executor cores)
     * @param averagingFrequency minibatches per worker between averagings
     */
    public record Settings(int workers, int averagingFrequency) {

        public Settings {
            if (workers < 0 || averagingFrequency < 1) {
                throw new IllegalArgumentException("workers must be >= 0 and averagingFrequency >= 1: " + workers
                        + ", " + averagingFrequency);
            }
        }

        public static Settings defaults() {
            return new Settings(0, DEFAULT_AVERAGING_FREQUENCY);
        }
    }

    private DistributedTraining() {
    }

    /**
     * @param epochs at most this many epochs (overrides {@code plan.maxEpochs()}); {@code plan.patience()} stops
     *               earlier as in a normal run
     * @return the network at its best epoch (DL4J's own layers) with the run's outcome: per-epoch records, test
     *         metrics, per-class metrics and confusion, runtime facts
     */
    public static RunTrainer.TrainedModel train(SparkSession spark, String networkJson, TrainingPlan plan, long seed,
                                                PreparedData data, int epochs) {
        return train(spark, networkJson, plan, seed, data, epochs, Settings.defaults(), epoch -> { });
    }

    /** @param onEpoch told after every epoch (for progress) */
    public static RunTrainer.TrainedModel train(SparkSession spark, String networkJson, TrainingPlan plan, long seed,
                                                PreparedData data, int epochs, Settings settings,
                                                Consumer<EpochRecord> onEpoch) {
        if (!plan.schedule().isNone()) {
            // Workers fit with their own copies of the network; neither the epoch count a step schedule reads nor a
            // plateau's lowered rate would reach them.
            throw new IllegalArgumentException("data-parallel training does not apply learning-rate schedules (this "
                    + "trial has " + plan.schedule().text() + "); train it without --distributed");
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int workers = settings.workers() > 0 ? settings.workers() : sc.defaultParallelism();
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(Dl4jEquivalents.plainJson(networkJson));
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            layer.setSeed(seed);
        }
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(workers, plan.batchSize())
                .batchSizePerWorker(plan.batchSize())
                .averagingFrequency(settings.averagingFrequency())
                .workerPrefetchNumBatches(0)
                .saveUpdater(true)
                // minibatches go to the workers in memory; the default (Export) writes them to a temp folder first
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .rngSeed(seed)
                .build();
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, conf, master);
        Map<String, String> runtime = new LinkedHashMap<>();
        runtime.put("training", "data-parallel: dl4j-spark parameter averaging");
        runtime.put("workers", Integer.toString(workers));
        runtime.put("averagingFrequency", Integer.toString(settings.averagingFrequency()));
        runtime.put(RunFacts.UPDATER, "dl4j (data-parallel: workers keep DL4J's updater, averaged with the parameters)");
        runtime.put("layers", "dl4j");

        RunScoring scoring = new RunScoring(data, plan.patience());
        BatchFeed feed = new BatchFeed(data.train(), data.classes());
        Random order = new Random(seed);
        for (int epoch = 1; epoch <= epochs && !scoring.shouldStop(); epoch++) {
            long start = System.nanoTime();
            List<DataSet> batches = new ArrayList<>();
            feed.batches(plan.batchSize(), plan.shuffle() ? order : null, plan.augmentation(),
                    plan.augmentation().isNone() ? null : Augmentation.epochRandom(seed, epoch)).forEach(batches::add);
            JavaRDD<DataSet> rdd = sc.parallelize(batches, workers);
            sparkNet.fit(rdd);
            double seconds = (System.nanoTime() - start) / 1e9;
            // dl4j-spark reports the mean minibatch loss over the workers' last averaging round
            onEpoch.accept(scoring.afterEpoch(epoch, sparkNet.getScore(), sparkNet.getNetwork(), seconds));
        }
        RunOutcome outcome = scoring.finish(sparkNet.getNetwork(), runtime);
        return new RunTrainer.TrainedModel(sparkNet.getNetwork(), outcome);
    }
}
