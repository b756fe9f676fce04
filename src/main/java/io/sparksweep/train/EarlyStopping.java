package io.sparksweep.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Remembers the weights of the epoch with the lowest validation loss and says when patience ran out. */
final class EarlyStopping {

    private final int patience;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int epochsWithoutImprovement;
    private INDArray bestParams;

    EarlyStopping(int patience) {
        this.patience = patience;
    }

    void observe(int epoch, double validationLoss, MultiLayerNetwork net) {
        if (validationLoss < bestLoss) {
            bestLoss = validationLoss;
            bestEpoch = epoch;
            epochsWithoutImprovement = 0;
            bestParams = net.params().dup();
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

    INDArray bestParams() {
        return bestParams;
    }
}
