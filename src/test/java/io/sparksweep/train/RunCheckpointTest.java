package io.sparksweep.train;

import io.sparksweep.data.DataPreparation;
import io.sparksweep.data.PreparedData;
import io.sparksweep.model.ModelFamilies;
import io.sparksweep.model.ModelSettings;
import io.sparksweep.run.Augmentation;
import io.sparksweep.run.LearningRateSchedule;
import io.sparksweep.run.RunStatus;
import io.sparksweep.testing.ProjectPaths;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run paused at checkpoints and trained on from them is the run that never paused: same epochs, same losses to the
 * last bit, same kept epoch and weights. It holds only if every piece of state crosses the pause (optimizer moments,
 * iteration count, early stopping's best epoch, the plateau, the shuffle, augmentation draws and dropout's RNG).
 */
class RunCheckpointTest {

    private static final PreparedData DATA = new DataPreparation()
            .prepare(ProjectPaths.fashionMnist(), true, 400, 150, 0.25, 1);

    /** Dropout draws from ND4J's RNG, so a pause that lost the RNG position would change every later epoch. */
    private static String lenetWithDropout() {
        ModelSettings s = ModelSettings.defaults("lenet5");
        return ModelFamilies.build(new ModelSettings("lenet5", "adam", 0.004, 0.3, s.kernelSize(), s.filters(),
                s.stride(), 0.0)).toJson();
    }

    /** Patience 2 and plateau patience 1 on a high rate: the run stops early and lowers its rate along the way. */
    private static TrainingPlan plan() {
        return new TrainingPlan(32, true, 2, 7, new LearningRateSchedule.Plateau(1, 0.5, 1e-5),
                new Augmentation(2, true));
    }

    @Test
    void aRunPausedAfterEveryEpochEndsAsTheRunThatNeverPaused() {
        RunTrainer trainer = new RunTrainer(DATA, 1, -1);
        RunTrainer.TrainedModel straight = trainer.trainModel(lenetWithDropout(), plan(), 17, epoch -> { });
        assertEquals(RunStatus.OK, straight.outcome().status(), straight.outcome().error());

        byte[] checkpoint = null;
        int pauses = 0;
        RunTrainer.Segment segment;
        while ((segment = trainer.trainSegment(lenetWithDropout(), plan(), 17, null, checkpoint, Duration.ZERO,
                epoch -> { })) instanceof RunTrainer.Paused paused) {
            pauses++;
            assertEquals(pauses, paused.epochsTrained(), "one epoch per call, then a pause");
            checkpoint = paused.checkpoint();
        }
        RunTrainer.TrainedModel resumed = assertInstanceOf(RunTrainer.TrainedModel.class, segment);
        RunOutcome a = straight.outcome();
        RunOutcome b = resumed.outcome();
        assertEquals(RunStatus.OK, b.status(), b.error());
        assertEquals(a.epochsTrained() - 1, pauses, "paused at every epoch's end but the last");
        assertEquals(a.epochs().stream().map(e -> e.epoch() + " " + e.trainLoss() + " " + e.valLoss() + " " + e.valAccuracy()).toList(),
                b.epochs().stream().map(e -> e.epoch() + " " + e.trainLoss() + " " + e.valLoss() + " " + e.valAccuracy()).toList());
        assertEquals(a.bestEpoch(), b.bestEpoch());
        assertEquals(a.testAccuracy(), b.testAccuracy());
        assertEquals(a.testLoss(), b.testLoss());
        assertEquals(a.runtime().get("lr.epochs"), b.runtime().get("lr.epochs"), "the rate of every epoch, before and after the pauses");
        assertTrue(a.runtime().get("lr.epochs").contains(","), "several epochs");
        assertArrayEquals(straight.network().params().data().asFloat(), resumed.network().params().data().asFloat());
        assertEquals(straight.plateau(), resumed.plateau());
        assertTrue(b.seconds() >= b.epochs().stream().mapToDouble(e -> e.seconds()).sum(),
                "the run's time counts every call's: " + b.seconds());
    }

    @Test
    void aRunThatNeverReachesThePauseTimeIsNotPaused() {
        RunTrainer.Segment segment = new RunTrainer(DATA, 1, -1).trainSegment(lenetWithDropout(),
                new TrainingPlan(64, true, 5, 2), 3, null, null, Duration.ofHours(1), epoch -> { });
        assertEquals(RunStatus.OK, assertInstanceOf(RunTrainer.TrainedModel.class, segment).outcome().status());
    }

    @Test
    void anUnreadableCheckpointIsIgnoredAndTheRunTrainsFromItsStart() {
        RunTrainer trainer = new RunTrainer(DATA, 1, -1);
        TrainingPlan plan = new TrainingPlan(64, true, 5, 2);
        RunOutcome fresh = trainer.train(lenetWithDropout(), plan, 3);
        RunTrainer.Paused paused = assertInstanceOf(RunTrainer.Paused.class,
                trainer.trainSegment(lenetWithDropout(), plan, 3, null, null, Duration.ZERO, epoch -> { }));
        byte[] cut = Arrays.copyOf(paused.checkpoint(), paused.checkpoint().length / 2);
        RunTrainer.Segment segment = trainer.trainSegment(lenetWithDropout(), plan, 3, null, cut, null, epoch -> { });
        RunOutcome again = assertInstanceOf(RunTrainer.TrainedModel.class, segment).outcome();
        assertEquals(fresh.epochsTrained(), again.epochsTrained());
        assertEquals(fresh.testAccuracy(), again.testAccuracy());
    }

    @Test
    void anotherFormatNumberIsRefusedNotGuessed() {
        RunTrainer.Paused paused = assertInstanceOf(RunTrainer.Paused.class, new RunTrainer(DATA, 1, -1).trainSegment(
                lenetWithDropout(), new TrainingPlan(64, true, 5, 2), 3, null, null, Duration.ZERO, epoch -> { }));
        byte[] bytes = paused.checkpoint().clone();
        bytes[7] = (byte) (RunCheckpoint.FORMAT + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunCheckpoint.decode(bytes));
        assertTrue(e.getMessage().contains("format " + (RunCheckpoint.FORMAT + 1)), e.getMessage());
        assertEquals(1, RunCheckpoint.decode(paused.checkpoint()).epochs().size());
    }

    @Test
    void theDriverReadsTheCountsOfAWholeCheckpointAndRefusesOneCutShort() {
        RunTrainer.Paused paused = assertInstanceOf(RunTrainer.Paused.class, new RunTrainer(DATA, 1, -1).trainSegment(
                lenetWithDropout(), new TrainingPlan(64, true, 5, 3), 3, null, null, Duration.ZERO, epoch -> { }));
        RunTrainer.Paused read = RunTrainer.Paused.of(paused.checkpoint());
        assertEquals(paused.epochsTrained(), read.epochsTrained());
        assertEquals(paused.seconds(), read.seconds());
        for (int cut : new int[]{paused.checkpoint().length - 1, paused.checkpoint().length / 2, 9}) {
            byte[] bytes = Arrays.copyOf(paused.checkpoint(), cut);
            assertThrows(IllegalArgumentException.class, () -> RunTrainer.Paused.of(bytes), "cut at " + cut);
        }
    }
}
