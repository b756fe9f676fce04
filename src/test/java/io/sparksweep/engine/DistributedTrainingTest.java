package io.sparksweep.engine;

import io.sparksweep.data.DataPreparation;
import io.sparksweep.data.PreparedData;
import io.sparksweep.model.ModelFamilies;
import io.sparksweep.model.ModelSettings;
import io.sparksweep.run.EpochRecord;
import io.sparksweep.run.RunStatus;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.testing.Slow;
import io.sparksweep.train.RunOutcome;
import io.sparksweep.train.RunTrainer;
import io.sparksweep.train.TrainingPlan;
import org.deeplearning4j.nn.api.Layer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One LeNet-5 trained data-parallel by dl4j-spark on real local[2] Spark. */
@Slow
class DistributedTrainingTest {

    @Test
    void oneNetworkTrainedAcrossTwoWorkersLearns() {
        PreparedData data = new DataPreparation().prepare(ProjectPaths.fashionMnist(), true, 2000, 500, 0.1, 5);
        String json = ModelFamilies.build(ModelSettings.defaults("lenet5")).toJson();
        List<EpochRecord> told = new ArrayList<>();
        RunTrainer.TrainedModel trained = DistributedTraining.train(LocalSpark.session(), json,
                new TrainingPlan(32, true, 3, 5), 11, data, 2,
                new DistributedTraining.Settings(2, DistributedTraining.DEFAULT_AVERAGING_FREQUENCY), told::add);
        RunOutcome outcome = trained.outcome();

        assertEquals(RunStatus.OK, outcome.status(), outcome.error());
        assertTrue(outcome.testAccuracy() > 0.5, "well above chance (0.1) after 2 epochs on 1,800 images: "
                + outcome.testAccuracy());
        assertEquals(2, outcome.epochs().size(), "epochs overrides the plan's maximum");
        assertEquals(outcome.epochs(), told);
        for (EpochRecord e : outcome.epochs()) {
            assertTrue(Double.isFinite(e.trainLoss()) && e.valLoss() > 0 && e.valAccuracy() > 0.1 && e.seconds() > 0,
                    e.toString());
        }
        assertTrue(outcome.epochs().get(1).valLoss() < outcome.epochs().get(0).valLoss() + 0.2,
                "no blow-up between epochs: " + outcome.epochs());
        assertEquals("2", outcome.runtime().get("workers"));
        assertEquals(500, outcome.classes().stream().mapToLong(c -> c.support()).sum(), "evaluated on the test set");
        for (Layer layer : trained.network().getLayers()) {
            assertTrue(layer.getClass().getName().startsWith("org.deeplearning4j."),
                    "DL4J's own layers under parameter averaging: " + layer.getClass());
        }
        // the model the caller saves gives the accuracy that was reported
        double[] correct = {0};
        var out = trained.network().output(org.nd4j.linalg.factory.Nd4j.create(
                toFloats(data.test().pixels()), new long[] {data.test().count(), 784}), false);
        for (int i = 0; i < data.test().count(); i++) {
            correct[0] += out.getRow(i).argMax().getInt(0) == data.test().label(i) ? 1 : 0;
        }
        assertEquals(outcome.testAccuracy(), correct[0] / data.test().count(), 1e-9);
    }

    private static float[] toFloats(byte[] pixels) {
        float[] f = new float[pixels.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (pixels[i] & 0xFF) / 255f;
        }
        return f;
    }
}
