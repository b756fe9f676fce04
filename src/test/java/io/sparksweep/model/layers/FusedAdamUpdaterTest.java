package io.sparksweep.model.layers;

import io.sparksweep.model.ModelFamilies;
import io.sparksweep.model.ModelSettings;
import io.sparksweep.testing.ArrayAsserts;
import io.sparksweep.testing.TestNetworks;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FusedAdamUpdater} against DL4J's updater on the same network: parameters and Adam state after one step agree
 * to 1e-5 (relative, as in ProjectLayersTest), parameters after 5 steps to 1e-4 (Adam magnifies rounding where
 * gradients are near zero); networks it does not cover keep DL4J's updater.
 */
class FusedAdamUpdaterTest {

    private static final int BATCH = 16;

    @Test
    void sameParametersAndStateAsDl4jsUpdater() {
        MultiLayerConfiguration conf = ModelFamilies.build(new ModelSettings("lenet5", "adam", 5e-3, 0.0, 0, 0, 0, 0.0));
        MultiLayerNetwork reference = network(conf);
        MultiLayerNetwork fused = network(conf);
        assertEquals(java.util.Optional.empty(), FusedAdamUpdater.whyNot(fused));
        FusedAdamUpdater updater = FusedAdamUpdater.install(fused).orElseThrow();
        assertInstanceOf(MultiLayerUpdater.class, reference.getUpdater());
        assertFalse(reference.getUpdater() instanceof FusedAdamUpdater);

        Random random = new Random(5);
        DataSet first = batch(random);
        reference.fit(first);
        fused.fit(first);
        assertEquals(1, updater.fusedUpdates(), "the Java loop did the update");
        ArrayAsserts.assertClose("parameters after one step", reference.params(), fused.params(), 1e-5);
        ArrayAsserts.assertClose("Adam state after one step", reference.getUpdater().getStateViewArray(),
                fused.getUpdater().getStateViewArray(), 1e-5);

        for (int step = 1; step < 5; step++) {
            DataSet next = batch(random);
            reference.fit(next);
            fused.fit(next);
        }
        assertEquals(5, updater.fusedUpdates());
        Set<String> noise = biasesBeforeBatchNorm(conf);
        for (String key : reference.paramTable().keySet()) {
            if (!noise.contains(key)) {
                ArrayAsserts.assertClose(key + " after 5 steps", reference.getParam(key), fused.getParam(key), 1e-4);
            }
        }
        INDArray input = batch(random).getFeatures();
        ArrayAsserts.assertClose("training output after 5 steps", reference.output(input, true),
                fused.output(input, true), 1e-4);
    }

    @Test
    void stateWrittenIntoDl4jsArrayIsReadBackOnTheNextStep() {
        MultiLayerConfiguration conf = ModelFamilies.build(ModelSettings.defaults("lenet5"));
        MultiLayerNetwork reference = network(conf);
        MultiLayerNetwork fused = network(conf);
        FusedAdamUpdater.install(fused).orElseThrow();
        Random random = new Random(9);
        DataSet first = batch(random);
        reference.fit(first);
        fused.fit(first);

        // A restored network hands its state over through DL4J's array: the heap moments must follow it.
        INDArray scrambled = reference.getUpdater().getStateViewArray().mul(0.5);
        reference.getUpdater().setStateViewArray(reference, scrambled.dup(), false);
        fused.getUpdater().setStateViewArray(fused, scrambled.dup(), false);
        DataSet second = batch(random);
        reference.fit(second);
        fused.fit(second);
        ArrayAsserts.assertClose("Adam state after a state swap and a step", reference.getUpdater().getStateViewArray(),
                fused.getUpdater().getStateViewArray(), 1e-5);
    }

    @Test
    void networksWithRegularisationOrAnotherOptimizerKeepDl4jsUpdater() {
        MultiLayerNetwork l2 = network(ModelFamilies.build(new ModelSettings("lenet5", "adam", 1e-3, 0.0, 0, 0, 0, 1e-4)));
        MultiLayerNetwork sgd = network(ModelFamilies.build(new ModelSettings("lenet5", "sgd", 1e-2, 0.0, 0, 0, 0, 0.0)));
        MultiLayerNetwork adam = network(ModelFamilies.build(ModelSettings.defaults("minivgg")));

        assertTrue(FusedAdamUpdater.install(l2).isEmpty(), "l2");
        assertTrue(FusedAdamUpdater.install(sgd).isEmpty(), "sgd");
        assertFalse(l2.getUpdater() instanceof FusedAdamUpdater);
        assertTrue(FusedAdamUpdater.install(adam).isPresent(), "minivgg with adam");
    }

    private static Set<String> biasesBeforeBatchNorm(MultiLayerConfiguration conf) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 1 < conf.getConfs().size(); i++) {
            if (conf.getConf(i + 1).getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization) {
                out.add(i + "_b");
                out.add((i + 1) + "_mean");
            }
        }
        return out;
    }

    private static MultiLayerNetwork network(MultiLayerConfiguration conf) {
        return TestNetworks.seeded(conf.toJson());
    }

    private static DataSet batch(Random random) {
        return TestNetworks.batch(random, BATCH);
    }
}
