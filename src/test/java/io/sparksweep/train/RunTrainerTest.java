package io.sparksweep.train;

import io.sparksweep.data.DataPreparation;
import io.sparksweep.data.PreparedData;
import io.sparksweep.model.ModelFamilies;
import io.sparksweep.model.ModelSettings;
import io.sparksweep.run.RunStatus;
import io.sparksweep.testing.ProjectPaths;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunTrainerTest {

    private static final PreparedData DATA = new DataPreparation()
            .prepare(ProjectPaths.fashionMnist(), true, 600, 300, 0.2, 1);

    private static String lenet(double lr, String optimizer) {
        ModelSettings s = ModelSettings.defaults("lenet5");
        return ModelFamilies.build(new ModelSettings("lenet5", optimizer, lr, 0.0, s.kernelSize(), s.filters(), s.stride(), 0.0)).toJson();
    }

    @Test
    void trainsEvaluatesAndRecordsTheLearningCurve() {
        RunOutcome o = new RunTrainer(DATA, 1, -1).train(lenet(0.005, "adam"), new TrainingPlan(32, true, 2, 3), 11);
        assertEquals(RunStatus.OK, o.status(), o.error());
        assertTrue(o.testAccuracy() > 0.4, "learns something in 3 epochs on 480 images: " + o.testAccuracy());
        assertEquals(o.epochsTrained(), o.epochs().size());
        assertTrue(o.bestEpoch() >= 1 && o.bestEpoch() <= o.epochsTrained());
        assertEquals(10, o.classes().size());
        assertEquals("fused-adam", o.runtime().get("updater"), "Adam ran in the project's fused loop");
        long predicted = 0;
        for (long[] row : o.confusion()) {
            for (long c : row) {
                predicted += c;
            }
        }
        assertEquals(300, predicted, "every test image is in the confusion matrix");
        assertEquals(300, o.classes().stream().mapToLong(c -> c.support()).sum());
    }

    @Test
    void sameSeedSameResultOtherSeedOtherResult() {
        TrainingPlan plan = new TrainingPlan(64, true, 1, 1);
        RunOutcome a = new RunTrainer(DATA, 1, -1).train(lenet(0.001, "adam"), plan, 5);
        RunOutcome b = new RunTrainer(DATA, 1, -1).train(lenet(0.001, "adam"), plan, 5);
        RunOutcome c = new RunTrainer(DATA, 1, -1).train(lenet(0.001, "adam"), plan, 6);
        assertEquals(a.testLoss(), b.testLoss(), 1e-6, "a run is reproducible from its seed");
        assertTrue(Math.abs(a.testLoss() - c.testLoss()) > 1e-6, "the seed matters");
    }

    @Test
    void divergingRunIsReportedNotThrown() {
        RunOutcome o = new RunTrainer(DATA, 1, -1).train(lenet(1e9, "sgd"), new TrainingPlan(64, true, 3, 3), 1);
        assertEquals(RunStatus.DIVERGED, o.status());
        assertTrue(o.runtime().get("updater").matches("dl4j \\(parameter 0_[Wb] uses Sgd.*"), o.runtime().get("updater"));
        assertTrue(o.error().contains("loss became"), o.error());
        assertTrue(Double.isNaN(o.testAccuracy()));
    }

    @Test
    void brokenNetworkIsAFailedRun() {
        RunOutcome o = new RunTrainer(DATA, 1, -1).train("{\"not\": \"a network\"}", new TrainingPlan(64, true, 1, 1), 1);
        assertEquals(RunStatus.FAILED, o.status());
        assertTrue(!o.error().isBlank() && !o.error().contains("\n"), o.error());
    }
}
