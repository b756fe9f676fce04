package io.sparksweep.model.layers;

import io.sparksweep.model.ModelFamilies;
import io.sparksweep.model.ModelSettings;
import io.sparksweep.testing.TestNetworks;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Random;

/**
 * Trains LeNet-5 for two steps the way a run does (fused dense and output layers, fused Adam, heap handoff) and tells which project code paths ran.
 * A main of its own, so a test can run it in a JVM whose kernel switch is fixed differently from the test's own.
 */
public final class KernelUseProbe {

    private KernelUseProbe() {
    }

    /**
     * What ran: counts of Java-kernel backward passes per kind ({@code dense}: dense and output layers), fused Adam
     * updates, and the input gradient's state.
     */
    public record Use(long inputConvolution, long batchNorm, long elu, long pooling, long dense, long fusedAdam,
                      boolean inputGradientComputed) {

        public boolean anyJavaKernel() {
            return inputConvolution + batchNorm + elu + pooling + dense + fusedAdam > 0;
        }
    }

    public static Use measure() {
        MultiLayerNetwork net = TestNetworks.seeded(
                FusedLayers.swapIn(ModelFamilies.build(ModelSettings.defaults("lenet5"))).toJson());
        FusedAdamUpdater fused = FusedAdamUpdater.install(net).orElse(null);
        HeapHandoff.wire(net);
        Random random = new Random(1);
        for (int step = 0; step < 2; step++) {
            net.fit(TestNetworks.batch(random, 16));
        }
        DataSet batch = TestNetworks.batch(random, 16);
        INDArray inputGradient = net.calculateGradients(batch.getFeatures(), batch.getLabels(), null, null).getSecond();
        long conv = 0, bn = 0, elu = 0, pool = 0, dense = 0;
        for (Layer layer : net.getLayers()) {
            if (layer instanceof InputConvolution c) {
                conv += c.kernelBackprops;
            } else if (layer instanceof TwoPassBatchNorm b) {
                bn += b.getHelper() instanceof TwoPassBatchNorm.Helper h ? h.kernelBackprops : 0;
            } else if (layer instanceof EluActivation e) {
                elu += e.fastBackprops;
            } else if (layer instanceof IndexedMaxPooling p) {
                pool += p.fastBackprops;
            } else if (layer instanceof FusedDense d) {
                dense += d.kernelBackprops;
            } else if (layer instanceof FusedOutput o) {
                dense += o.kernelBackprops;
            }
        }
        boolean computed = inputGradient != null && !Double.isNaN(inputGradient.sumNumber().doubleValue());
        return new Use(conv, bn, elu, pool, dense, fused == null ? 0 : fused.fusedUpdates(), computed);
    }

    public static void main(String[] args) {
        System.out.println("USE " + measure());
    }
}
