package io.sparksweep.train;

import io.sparksweep.run.Augmentation;
import io.sparksweep.run.LearningRateSchedule;
import io.sparksweep.data.ImageSet;
import io.sparksweep.data.PreparedData;
import io.sparksweep.model.layers.FusedAdamUpdater;
import io.sparksweep.model.layers.FusedLayers;
import io.sparksweep.model.layers.HeapHandoff;
import io.sparksweep.model.RunFacts;
import io.sparksweep.run.ClassMetrics;
import io.sparksweep.run.EpochRecord;
import io.sparksweep.run.RunStatus;
import io.sparksweep.run.TestPredictions;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains one network once: epochs over shuffled minibatches, early stopping on validation loss (keeping
 * the best epoch's weights), then evaluation on the test set. Data without a validation split (a rerun on
 * train+validation) trains exactly {@code maxEpochs} epochs and keeps the last. Never throws for a bad run:
 * failures and divergence come back as an outcome, so a sweep goes on.
 */
public final class RunTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(RunTrainer.class);
    private static final int EVAL_BATCH = 1000;

    private final PreparedData data;
    private final int threads;
    private final int device;

    /**
     * @param threads ND4J threads this run may use
     * @param device  accelerator device index Spark assigned to the task, or -1 for none
     */
    public RunTrainer(PreparedData data, int threads, int device) {
        this.data = data;
        this.threads = threads;
        this.device = device;
    }

    /** What one call of training gives back: the run ended (ok, failed or diverged), or it paused at a checkpoint. */
    public sealed interface Segment permits TrainedModel, Paused {
    }

    /**
     * A network restored to its best epoch, with the outcome that describes it.
     *
     * @param plateau the reduce-on-plateau state the run ended with; null for other schedules
     */
    public record TrainedModel(MultiLayerNetwork network, RunOutcome outcome, PlateauState plateau) implements Segment {

        public TrainedModel(MultiLayerNetwork network, RunOutcome outcome) {
            this(network, outcome, null);
        }

        /** The model zip a saved model or a continuation is written from, schedule state included. */
        public byte[] zip() {
            return SavedModels.zip(network, plateau);
        }
    }

    /**
     * A run that stopped between two epochs to be saved, and goes on from {@code checkpoint} when trained again with
     * it: the epochs, the weights and every random draw after the pause are those of a run that never paused.
     *
     * @param epochsTrained epochs trained so far, the earlier pauses' included
     * @param seconds       training time spent so far, the earlier pauses' included
     */
    public record Paused(byte[] checkpoint, int epochsTrained, double seconds) implements Segment, java.io.Serializable {

        /**
         * A checkpoint as kept in a file, its counts read from its header.
         *
         * @throws IllegalArgumentException when the bytes are not a checkpoint this version reads
         */
        public static Paused of(byte[] checkpoint) {
            return RunCheckpoint.paused(checkpoint);
        }
    }

    public RunOutcome train(String networkJson, TrainingPlan plan, long seed) {
        return trainModel(networkJson, plan, seed, epoch -> { }).outcome();
    }

    /**
     * @param onEpoch told after every epoch (for progress); must be cheap
     */
    public TrainedModel trainModel(String networkJson, TrainingPlan plan, long seed, Consumer<EpochRecord> onEpoch) {
        return trainModel(networkJson, plan, seed, null, onEpoch);
    }

    /**
     * Continues a run from a model zip this class's networks were saved to ({@link SavedModels#zip}): its weights,
     * updater state and iteration count, and its epoch count as the number of epochs already trained. Epochs are
     * numbered on from there up to {@code plan.maxEpochs()}, with early stopping by patience counted afresh (a
     * rung of successive halving). The shuffle order goes on as if training had not stopped.
     *
     * @param startState null to train from scratch
     */
    public TrainedModel trainModel(String networkJson, TrainingPlan plan, long seed, byte[] startState,
                                   Consumer<EpochRecord> onEpoch) {
        return (TrainedModel) trainSegment(networkJson, plan, seed, startState, null, null, onEpoch);
    }

    /**
     * Trains a run, or the rest of a paused one, and pauses it at the first epoch's end at least {@code pauseAfter}
     * into this call while epochs remain: a long run then reaches the driver every so often as a checkpoint, so that a
     * killed sweep loses at most that much of it.
     *
     * @param startState a model zip to continue from (see {@link #trainModel(String, TrainingPlan, long, byte[], Consumer)}),
     *                   or null
     * @param checkpoint a {@link Paused#checkpoint()} of this same run to go on from, or null; one that cannot be read
     *                   is ignored with a warning and the run trains from its start
     * @param pauseAfter null never to pause
     */
    public Segment trainSegment(String networkJson, TrainingPlan plan, long seed, byte[] startState, byte[] checkpoint,
                                Duration pauseAfter, Consumer<EpochRecord> onEpoch) {
        long start = System.nanoTime();
        Map<String, String> runtime = NativeRuntime.prepareRun(seed, threads, device);
        RunCheckpoint resumed = readable(checkpoint);
        double earlierSeconds = resumed == null ? 0 : resumed.seconds();
        List<EpochRecord> epochs = new ArrayList<>(resumed == null ? List.of() : resumed.epochs());
        MultiLayerNetwork net = null;
        try {
            net = network(networkJson, seed, plan.schedule());
            byte[] restored = resumed != null ? resumed.network() : startState;
            int epochsInRestored = restored == null ? 0 : continueFrom(net, restored);
            int firstEpoch = resumed != null ? resumed.firstEpoch() : epochsInRestored + 1;
            runtime.put(RunFacts.UPDATER, updaterStatus(net));
            LearningRates rates = LearningRates.start(net, plan.schedule(),
                    restored == null ? null : SavedModels.plateauState(restored),
                    resumed == null ? List.of() : resumed.rates());
            EarlyStopping stopping = resumed == null ? new EarlyStopping(plan.patience())
                    : EarlyStopping.resumed(plan.patience(), resumed.stopping());
            BatchFeed train = new BatchFeed(data.train(), data.classes());
            boolean validate = data.validation().count() > 0;
            Random order = new Random(seed);
            int nextEpoch = firstEpoch + epochs.size();
            if (plan.shuffle()) {
                for (int skipped = 1; skipped < nextEpoch; skipped++) {
                    train.batches(plan.batchSize(), order); // draws the shuffle of an epoch already trained
                }
            }
            if (resumed != null) {
                NativeRuntime.restoreRandomState(resumed.random());
            }
            for (int epoch = nextEpoch; epoch <= plan.maxEpochs() && !stopping.shouldStop(); epoch++) {
                long epochStart = System.nanoTime();
                rates.beforeEpoch(net, epoch);
                double trainLoss = fitEpoch(net, train, plan, order,
                        plan.augmentation().isNone() ? null : Augmentation.epochRandom(seed, epoch));
                Score val = validate ? score(net, data.validation(), null) : new Score(Double.NaN, Double.NaN);
                EpochRecord record = new EpochRecord(epoch, trainLoss, val.loss(), val.accuracy(), seconds(epochStart));
                epochs.add(record);
                onEpoch.accept(record);
                if (!Double.isFinite(trainLoss) || (validate && !Double.isFinite(val.loss()))) {
                    String what = "loss became " + (Double.isFinite(trainLoss) ? val.loss() : trainLoss) + " in epoch " + epoch;
                    return new TrainedModel(net, divergedOrFailed(RunStatus.DIVERGED, what, epochs,
                            earlierSeconds + seconds(start), runtime));
                }
                if (validate) {
                    stopping.observe(epoch, val.loss(), net);
                }
                rates.afterEpoch(net, validate ? val.loss() : trainLoss);
                if (pauseAfter != null && epoch < plan.maxEpochs() && !stopping.shouldStop()
                        && System.nanoTime() - start >= pauseAfter.toNanos()) {
                    double seconds = earlierSeconds + seconds(start);
                    RunCheckpoint paused = new RunCheckpoint(SavedModels.zip(net, rates.plateauState()), stopping.state(),
                            List.copyOf(epochs), rates.epochRates(), NativeRuntime.randomState(), seconds, firstEpoch);
                    return new Paused(paused.encode(), epochs.size(), seconds);
                }
            }
            if (validate) {
                stopping.restoreBest(net);
            }
            // Epochs trained so far, whichever epoch's weights were kept: where a continuation numbers on from.
            net.setEpochCount(firstEpoch - 1 + epochs.size());
            runtime.put("onednn.helpers", NativeRuntime.helperStatus(net));
            rates.describe(runtime);
            Evaluation evaluation = new Evaluation(data.classNames(), 1);
            Score test = score(net, data.test(), evaluation, true);
            return new TrainedModel(net, new RunOutcome(RunStatus.OK, null, test.accuracy(), test.loss(), epochs.size(),
                    validate ? stopping.bestEpoch() : firstEpoch - 1 + epochs.size(), earlierSeconds + seconds(start),
                    epochs, classMetrics(evaluation), confusion(evaluation), runtime, test.predictions()),
                    rates.plateauState());
        } catch (RuntimeException | OutOfMemoryError e) {
            String message = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
            return new TrainedModel(net, divergedOrFailed(RunStatus.FAILED, message, epochs,
                    earlierSeconds + seconds(start), runtime));
        }
    }

    /** The checkpoint to go on from, or null to train from the start (none given, or one this version cannot read). */
    private static RunCheckpoint readable(byte[] checkpoint) {
        if (checkpoint == null) {
            return null;
        }
        try {
            return RunCheckpoint.decode(checkpoint);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring a run checkpoint ({}); the run trains from its start", e.getMessage());
            return null;
        }
    }

    /** Test accuracy and mean test loss of a network, as a finished run records them. */
    public record TestScore(double accuracy, double loss) {
    }

    /**
     * Scores {@code net} on the test set exactly as a run's evaluation does (same native settings, batches and
     * arithmetic), so a reloaded model gives the accuracy its run recorded.
     */
    public TestScore test(MultiLayerNetwork net) {
        NativeRuntime.prepareRun(0, threads, device);
        Score score = score(net, data.test(), null);
        return new TestScore(score.accuracy(), score.loss());
    }

    /** Loads the saved state into {@code net} (same architecture); @return the epochs it had trained. */
    private static int continueFrom(MultiLayerNetwork net, byte[] startState) {
        MultiLayerNetwork saved = SavedModels.restore(startState, "the state to continue from");
        if (saved.numParams() != net.numParams()) {
            throw new IllegalArgumentException("the state to continue from has " + saved.numParams()
                    + " parameters, the network " + net.numParams());
        }
        net.setParams(saved.params().dup());
        INDArray state = saved.getUpdater(false) == null ? null : saved.getUpdater(false).getStateViewArray();
        if (state != null && !state.isEmpty()) {
            ((BaseMultiLayerUpdater<?>) net.getUpdater()).setStateViewArray(state.dup());
        }
        net.setIterationCount(saved.getIterationCount());
        return saved.getEpochCount();
    }

    private static MultiLayerNetwork network(String json, long seed, LearningRateSchedule schedule) {
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(json);
        LearningRates.configure(conf, schedule);
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            layer.setSeed(seed);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(FusedLayers.swapIn(conf));
        net.init();
        FusedAdamUpdater.install(net);
        HeapHandoff.wire(net);
        return net;
    }

    /** Which code applied the optimizer: the fused Java Adam loop, or DL4J's updater and why. */
    private static String updaterStatus(MultiLayerNetwork net) {
        return net.getUpdater() instanceof FusedAdamUpdater ? "fused-adam"
                : "dl4j (" + FusedAdamUpdater.whyNot(net).orElse("not installed") + ")";
    }

    /** @return mean minibatch loss of the epoch (the score DL4J computes during fit anyway) */
    /** @param draws the epoch's augmentation randomness, null without augmentation */
    private static double fitEpoch(MultiLayerNetwork net, BatchFeed train, TrainingPlan plan, Random order, Random draws) {
        double sum = 0;
        int batches = 0;
        for (DataSet batch : train.batches(plan.batchSize(), plan.shuffle() ? order : null, plan.augmentation(), draws)) {
            if (Thread.currentThread().isInterrupted()) {
                // A cancelled run (past its timeout, or its sweep stopped): stop at the next minibatch instead of
                // training on for nobody while holding a core.
                throw new CancellationException("training interrupted");
            }
            net.fit(batch);
            sum += net.score();
            batches++;
        }
        return sum / batches;
    }

    /** @param predictions every item's answer when asked for, else null */
    record Score(double loss, double accuracy, TestPredictions predictions) {

        Score(double loss, double accuracy) {
            this(loss, accuracy, null);
        }
    }

    Score score(MultiLayerNetwork net, ImageSet set, Evaluation evaluation) {
        return score(net, set, evaluation, false);
    }

    /**
     * Mean negative log-likelihood and accuracy in one forward pass per batch (no regularisation term); with
     * {@code keepPredictions}, each item's answer from the same pass, so the test set is evaluated once.
     */
    Score score(MultiLayerNetwork net, ImageSet set, Evaluation evaluation, boolean keepPredictions) {
        BatchFeed feed = new BatchFeed(set, data.classes());
        double lossSum = 0;
        long correct = 0;
        int items = keepPredictions ? set.count() : 0;
        int[] labels = new int[items];
        int[] predicted = new int[items];
        float[] labelProbability = new float[items];
        float[] predictedProbability = new float[items];
        int item = 0;
        for (DataSet batch : feed.batches(EVAL_BATCH, null)) {
            INDArray probabilities = net.output(batch.getFeatures(), false);
            float[] p = probabilities.data().asFloat();
            float[] y = batch.getLabels().data().asFloat();
            int classes = data.classes();
            for (int row = 0; row < p.length / classes; row++) {
                int label = argMax(y, row * classes, classes);
                int answer = argMax(p, row * classes, classes);
                lossSum -= Math.log(Math.max(p[row * classes + label], 1e-30));
                if (answer == label) {
                    correct++;
                }
                if (keepPredictions) {
                    labels[item] = label;
                    predicted[item] = answer;
                    labelProbability[item] = p[row * classes + label];
                    predictedProbability[item] = p[row * classes + answer];
                    item++;
                }
            }
            if (evaluation != null) {
                evaluation.eval(batch.getLabels(), probabilities);
            }
        }
        return new Score(lossSum / set.count(), (double) correct / set.count(), keepPredictions
                ? new TestPredictions(labels, predicted, labelProbability, predictedProbability) : null);
    }

    private static int argMax(float[] values, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (values[offset + i] > values[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    List<ClassMetrics> classMetrics(Evaluation e) {
        List<ClassMetrics> out = new ArrayList<>();
        for (int c = 0; c < data.classes(); c++) {
            long support = e.getConfusion().getActualTotal(c);
            // DL4J answers 0 (with a warning) for a class never predicted; that is the usual convention.
            out.add(new ClassMetrics(c, data.classNames().get(c), e.precision(c, 0.0), e.recall(c, 0.0),
                    e.f1(c), support));
        }
        return out;
    }

    long[][] confusion(Evaluation e) {
        int k = data.classes();
        long[][] m = new long[k][k];
        for (int actual = 0; actual < k; actual++) {
            for (int predicted = 0; predicted < k; predicted++) {
                m[actual][predicted] = e.getConfusion().getCount(actual, predicted);
            }
        }
        return m;
    }

    static RunOutcome divergedOrFailed(RunStatus status, String error, List<EpochRecord> epochs, double seconds,
                                               Map<String, String> runtime) {
        return new RunOutcome(status, error, Double.NaN, Double.NaN, epochs.size(), 0, seconds,
                epochs, List.of(), new long[0][0], runtime);
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
