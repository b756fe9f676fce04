package io.sparksweep.train;

import io.sparksweep.run.Augmentation;
import io.sparksweep.run.LearningRateSchedule;
import io.sparksweep.data.DataPreparation;
import io.sparksweep.data.PreparedData;
import io.sparksweep.model.ModelFamilies;
import io.sparksweep.model.ModelSettings;
import io.sparksweep.run.EpochRecord;
import io.sparksweep.run.RunStatus;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.testing.Slow;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schedules on real training: the rates are read from the optimizer DL4J (or the fused loop) applies. */
@Slow
class LearningRateScheduleTest {

    private static final PreparedData DATA = new DataPreparation()
            .prepare(ProjectPaths.fashionMnist(), true, 600, 200, 0.2, 1);
    private static final int NEVER_STOP = 1_000;

    private static String lenet(double lr) {
        ModelSettings s = ModelSettings.defaults("lenet5");
        return ModelFamilies.build(new ModelSettings("lenet5", "adam", lr, 0.0, s.kernelSize(), s.filters(), s.stride(), 0.0)).toJson();
    }

    private static TrainingPlan plan(int epochs, LearningRateSchedule schedule) {
        return new TrainingPlan(64, true, NEVER_STOP, epochs, schedule, Augmentation.NONE);
    }

    private static double[] rates(RunOutcome o) {
        return Arrays.stream(o.runtime().get("lr.epochs").split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void stepDecayChangesTheRateAtTheRightEpochs() {
        RunOutcome o = new RunTrainer(DATA, 1, -1).train(lenet(0.004), plan(5, new LearningRateSchedule.Step(2, 0.5)), 3);
        assertEquals(RunStatus.OK, o.status(), o.error());
        assertEquals("step(every=2,factor=0.5)", o.runtime().get("lr.schedule"));
        assertEquals("fused-adam", o.runtime().get("updater"), "a scheduled Adam still runs in the fused loop");
        assertArrayEquals(new double[]{0.004, 0.004, 0.002, 0.002, 0.001}, rates(o));
        // The rate the optimizer reports is the one it applies: the same seed without a schedule trains the same
        // first two epochs and then goes another way.
        RunOutcome constant = new RunTrainer(DATA, 1, -1).train(lenet(0.004), plan(3, LearningRateSchedule.NONE), 3);
        assertEquals(constant.epochs().get(1).trainLoss(), o.epochs().get(1).trainLoss(), 1e-9);
        assertTrue(Math.abs(constant.epochs().get(2).trainLoss() - o.epochs().get(2).trainLoss()) > 1e-6,
                "epoch 3 trains with half the rate");
    }

    @Test
    void withoutScheduleTheRateStays() {
        RunOutcome o = new RunTrainer(DATA, 1, -1).train(lenet(0.002), plan(2, LearningRateSchedule.NONE), 3);
        assertEquals("none", o.runtime().get("lr.schedule"));
        assertArrayEquals(new double[]{0.002, 0.002}, rates(o));
    }

    @Test
    void plateauLowersTheRateAfterPatienceEpochsWithoutImprovement() {
        LearningRateSchedule.Plateau plateau = new LearningRateSchedule.Plateau(1, 0.5, 0.0006);
        // A high rate on 480 images overfits within a few epochs: the validation loss stops going down.
        RunTrainer.TrainedModel trained = new RunTrainer(DATA, 1, -1).trainModel(lenet(0.005), plan(10, plateau), 5,
                epoch -> { });
        RunOutcome o = trained.outcome();
        assertEquals(RunStatus.OK, o.status(), o.error());
        double[] rates = rates(o);
        double[] expected = expectedPlateauRates(0.005, plateau, o.epochs());
        assertArrayEquals(expected, rates);
        assertTrue(rates[rates.length - 1] < 0.005, "the validation loss rose at least once in 10 epochs: " + Arrays.toString(rates));
        assertTrue(Arrays.stream(rates).allMatch(r -> r >= 0.0006 - 1e-12), "never below min");
        assertNotNull(trained.plateau());
    }

    @Test
    void withoutAValidationSplitThePlateauWatchesTheTrainingLoss() {
        LearningRateSchedule.Plateau plateau = new LearningRateSchedule.Plateau(1, 0.5, 0.0);
        PreparedData fullTrain = DATA.withValidationInTraining();
        RunOutcome o = new RunTrainer(fullTrain, 1, -1).train(lenet(0.02), plan(6, plateau), 5);
        assertEquals(RunStatus.OK, o.status(), o.error());
        List<EpochRecord> asIfValidated = o.epochs().stream()
                .map(e -> new EpochRecord(e.epoch(), e.trainLoss(), e.trainLoss(), e.valAccuracy(), e.seconds())).toList();
        assertArrayEquals(expectedPlateauRates(0.02, plateau, asIfValidated), rates(o));
    }

    /** The rule written out independently of the trainer: the rate of epoch k+1 from the losses of epochs 1..k. */
    private static double[] expectedPlateauRates(double start, LearningRateSchedule.Plateau p, List<EpochRecord> epochs) {
        double[] out = new double[epochs.size()];
        double rate = start;
        double best = Double.POSITIVE_INFINITY;
        int waited = 0;
        for (int i = 0; i < epochs.size(); i++) {
            out[i] = rate;
            double loss = epochs.get(i).valLoss();
            if (loss < best) {
                best = loss;
                waited = 0;
            } else if (++waited >= p.patience()) {
                rate = Math.max(rate * p.factor(), p.min());
                waited = 0;
            }
        }
        return out;
    }

    @Test
    void aContinuedRunKeepsTheStepSchedule() {
        LearningRateSchedule step = new LearningRateSchedule.Step(2, 0.5);
        RunTrainer trainer = new RunTrainer(DATA, 1, -1);
        RunOutcome straight = trainer.train(lenet(0.004), plan(5, step), 9);
        RunTrainer.TrainedModel rung1 = trainer.trainModel(lenet(0.004), plan(3, step), 9, epoch -> { });
        assertNull(rung1.plateau(), "a step schedule needs no state beyond the epoch count");
        RunTrainer.TrainedModel rung2 = trainer.trainModel(lenet(0.004), plan(5, step), 9, rung1.zip(), epoch -> { });
        assertEquals(List.of(4, 5), rung2.outcome().epochs().stream().map(EpochRecord::epoch).toList());
        double[] all = rates(straight);
        // Epochs 4 and 5 train with the rates of an uninterrupted run.
        assertArrayEquals(new double[]{all[3], all[4]}, rates(rung2.outcome()));
        // The saved model itself carries DL4J's schedule: plain DL4J continuing it gets the same rate.
        MultiLayerNetwork saved = SavedModels.restore(rung1.zip(), "rung 1");
        saved.setEpochCount(3);
        assertEquals(0.001, saved.getLayerWiseConfigurations().getConf(0).getLayer().getUpdaterByParam("W").getLearningRate(0, 4), 1e-12);
    }

    @Test
    void aContinuedRunKeepsThePlateauState() {
        LearningRateSchedule.Plateau plateau = new LearningRateSchedule.Plateau(1, 0.5, 0.0);
        RunTrainer trainer = new RunTrainer(DATA, 1, -1);
        RunTrainer.TrainedModel straight = trainer.trainModel(lenet(0.005), plan(8, plateau), 5, epoch -> { });
        RunTrainer.TrainedModel rung1 = trainer.trainModel(lenet(0.005), plan(6, plateau), 5, epoch -> { });
        assertEquals(straight.outcome().epochs().subList(0, 6).stream().map(EpochRecord::valLoss).toList(),
                rung1.outcome().epochs().stream().map(EpochRecord::valLoss).toList(), "the first 6 epochs are the same run");
        PlateauState saved = SavedModels.plateauState(rung1.zip());
        assertEquals(rung1.plateau(), saved, "the plateau state travels in the model zip");
        RunTrainer.TrainedModel rung2 = trainer.trainModel(lenet(0.005), plan(8, plateau), 5, rung1.zip(), epoch -> { });
        double[] all = rates(straight.outcome());
        double[] continued = rates(rung2.outcome());
        assertEquals(all[6], continued[0], 1e-12, "epoch 7 trains with the rate the plateau had reached after epoch 6");
        assertEquals(saved.learningRate(), continued[0], 1e-12);
        assertTrue(all[6] < 0.005, "the test needs a reduction before the cut: " + Arrays.toString(all));
    }

    private static void assertArrayEquals(double[] expected, double[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 1e-9,
                Arrays.toString(expected) + " vs " + Arrays.toString(actual));
    }
}
