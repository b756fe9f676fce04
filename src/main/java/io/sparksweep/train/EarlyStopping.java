package io.sparksweep.train;

import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Remembers the epoch with the lowest validation loss and says when patience ran out. It keeps that epoch's weights
 * and also its optimizer state and iteration count, so the restored network is the one a saved model continues
 * training from, not the best weights glued to a later epoch's Adam moments.
 */
final class EarlyStopping {

    private final int patience;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int epochsWithoutImprovement;
    private INDArray bestParams;
    private INDArray bestUpdaterState;
    private int bestIteration;

    EarlyStopping(int patience) {
        this.patience = patience;
    }

    /**
     * What early stopping knows after an epoch, for a run that pauses at a checkpoint and goes on later as if it had
     * not stopped.
     *
     * @param bestParams        the best epoch's weights; null before any epoch was observed
     * @param bestUpdaterState  that epoch's optimizer state; null when the optimizer keeps none
     */
    record State(double bestLoss, int bestEpoch, int epochsWithoutImprovement, INDArray bestParams,
                 INDArray bestUpdaterState, int bestIteration) {
    }

    State state() {
        return new State(bestLoss, bestEpoch, epochsWithoutImprovement, bestParams, bestUpdaterState, bestIteration);
    }

    static EarlyStopping resumed(int patience, State state) {
        EarlyStopping stopping = new EarlyStopping(patience);
        stopping.bestLoss = state.bestLoss();
        stopping.bestEpoch = state.bestEpoch();
        stopping.epochsWithoutImprovement = state.epochsWithoutImprovement();
        stopping.bestParams = state.bestParams();
        stopping.bestUpdaterState = state.bestUpdaterState();
        stopping.bestIteration = state.bestIteration();
        return stopping;
    }

    void observe(int epoch, double validationLoss, MultiLayerNetwork net) {
        if (validationLoss < bestLoss) {
            bestLoss = validationLoss;
            bestEpoch = epoch;
            epochsWithoutImprovement = 0;
            bestParams = net.params().dup();
            INDArray state = updaterState(net);
            bestUpdaterState = state == null ? null : state.dup();
            bestIteration = net.getIterationCount();
        } else {
            epochsWithoutImprovement++;
        }
    }

    boolean shouldStop() {
        return epochsWithoutImprovement >= patience;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    /** Puts the best epoch's weights, optimizer state and iteration count back into {@code net}. */
    void restoreBest(MultiLayerNetwork net) {
        net.setParams(bestParams);
        INDArray state = updaterState(net);
        if (state != null && bestUpdaterState != null) {
            ((BaseMultiLayerUpdater<?>) net.getUpdater()).setStateViewArray(bestUpdaterState);
        }
        net.setIterationCount(bestIteration);
    }

    private static INDArray updaterState(MultiLayerNetwork net) {
        Updater updater = net.getUpdater(false);
        INDArray state = updater == null ? null : updater.getStateViewArray();
        return state == null || state.isEmpty() ? null : state;
    }
}
