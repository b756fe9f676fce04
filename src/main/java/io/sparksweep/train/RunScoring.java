package io.sparksweep.train;

import io.sparksweep.data.PreparedData;
import io.sparksweep.run.EpochRecord;
import io.sparksweep.run.RunStatus;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping of a run whose epochs are fitted elsewhere (data-parallel on Spark executors): validation after
 * each epoch, early stopping, the best epoch's weights, test evaluation. The same scoring as {@link RunTrainer},
 * so both kinds of run give comparable records.
 */
public final class RunScoring {

    private final PreparedData data;
    private final RunTrainer scorer;
    private final EarlyStopping stopping;
    private final List<EpochRecord> epochs = new ArrayList<>();
    private final long start = System.nanoTime();

    public RunScoring(PreparedData data, int patience) {
        this.data = data;
        this.scorer = new RunTrainer(data, 1, -1);
        this.stopping = new EarlyStopping(patience);
    }

    /**
     * Scores the network after an epoch and records it.
     *
     * @param seconds the epoch's fit time; validation time is added
     */
    public EpochRecord afterEpoch(int epoch, double trainLoss, MultiLayerNetwork net, double seconds) {
        long validationStart = System.nanoTime();
        RunTrainer.Score val = scorer.score(net, data.validation(), null);
        EpochRecord record = new EpochRecord(epoch, trainLoss, val.loss(), val.accuracy(),
                seconds + RunTrainer.seconds(validationStart));
        epochs.add(record);
        if (Double.isFinite(trainLoss) && Double.isFinite(val.loss())) {
            stopping.observe(epoch, val.loss(), net);
        }
        return record;
    }

    /** Whether the last epoch diverged (non-finite loss) or patience ran out. */
    public boolean shouldStop() {
        return diverged() || stopping.shouldStop();
    }

    public List<EpochRecord> epochs() {
        return List.copyOf(epochs);
    }

    /** Restores the best epoch's weights into {@code net} and evaluates it on the test set. */
    public RunOutcome finish(MultiLayerNetwork net, Map<String, String> runtime) {
        if (diverged()) {
            EpochRecord last = epochs.get(epochs.size() - 1);
            String what = "loss became " + (Double.isFinite(last.trainLoss()) ? last.valLoss() : last.trainLoss())
                    + " in epoch " + last.epoch();
            return RunTrainer.divergedOrFailed(RunStatus.DIVERGED, what, epochs, RunTrainer.seconds(start), runtime);
        }
        stopping.restoreBest(net);
        Evaluation evaluation = new Evaluation(data.classNames(), 1);
        RunTrainer.Score test = scorer.score(net, data.test(), evaluation, true);
        return new RunOutcome(RunStatus.OK, null, test.accuracy(), test.loss(), epochs.size(), stopping.bestEpoch(),
                RunTrainer.seconds(start), List.copyOf(epochs), scorer.classMetrics(evaluation),
                scorer.confusion(evaluation), runtime, test.predictions());
    }

    private boolean diverged() {
        if (epochs.isEmpty()) {
            return false;
        }
        EpochRecord last = epochs.get(epochs.size() - 1);
        return !Double.isFinite(last.trainLoss()) || !Double.isFinite(last.valLoss());
    }
}
