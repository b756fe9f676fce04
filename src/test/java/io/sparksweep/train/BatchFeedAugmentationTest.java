package io.sparksweep.train;

import io.sparksweep.run.Augmentation;
import io.sparksweep.run.LearningRateSchedule;
import io.sparksweep.data.DataPreparation;
import io.sparksweep.data.PreparedData;
import io.sparksweep.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchFeedAugmentationTest {

    private static final PreparedData DATA = new DataPreparation()
            .prepare(ProjectPaths.fashionMnist(), true, 300, 100, 0.2, 1);

    private static DataSet first(Augmentation augmentation, long seed, int epoch) {
        BatchFeed feed = new BatchFeed(DATA.train(), DATA.classes());
        return feed.batches(32, new Random(1), augmentation, Augmentation.epochRandom(seed, epoch)).iterator().next();
    }

    private static float[] features(DataSet batch) {
        return batch.getFeatures().data().asFloat();
    }

    @Test
    void anAugmentedBatchDiffersFromThePlainOneAndRepeatsForTheSameSeed() {
        Augmentation shiftAndFlip = new Augmentation(2, true);
        DataSet plain = first(Augmentation.NONE, 7, 1);
        DataSet augmented = first(shiftAndFlip, 7, 1);
        assertFalse(java.util.Arrays.equals(features(plain), features(augmented)), "augmentation changes the images");
        assertArrayEquals(plain.getLabels().data().asFloat(), augmented.getLabels().data().asFloat(), "not the labels");
        assertArrayEquals(features(augmented), features(first(shiftAndFlip, 7, 1)), "same seed and epoch: same batch");
        assertFalse(java.util.Arrays.equals(features(augmented), features(first(shiftAndFlip, 8, 1))), "another seed");
        assertFalse(java.util.Arrays.equals(features(augmented), features(first(shiftAndFlip, 7, 2))), "another epoch");
    }

    @Test
    void aFlipMirrorsAndAShiftMovesWithZerosComingIn() {
        int rows = 3;
        int cols = 4;
        float[] image = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        float[] scratch = new float[12];
        // Find draws that mirror without shifting and that shift right by one without mirroring.
        float[] mirrored = null;
        float[] shifted = null;
        for (long s = 0; s < 10_000 && (mirrored == null || shifted == null); s++) {
            Random probe = new Random(s);
            int dx = probe.nextInt(3) - 1;
            int dy = probe.nextInt(3) - 1;
            boolean mirror = probe.nextBoolean();
            float[] out = image.clone();
            new Augmentation(1, true).apply(out, 0, rows, cols, new Random(s), scratch);
            if (dx == 0 && dy == 0 && mirror) {
                mirrored = out;
            } else if (dx == 1 && dy == 0 && !mirror) {
                shifted = out;
            }
        }
        assertArrayEquals(new float[]{4, 3, 2, 1, 8, 7, 6, 5, 12, 11, 10, 9}, mirrored);
        assertArrayEquals(new float[]{0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11}, shifted);
    }

    @Test
    void canonicalTextsReadBack() {
        assertEquals(Augmentation.NONE, Augmentation.parse("none"));
        assertEquals(new Augmentation(3, false), Augmentation.parse(new Augmentation(3, false).text()));
        assertTrue(new Augmentation(0, false).isNone());
        assertEquals(new LearningRateSchedule.Plateau(3, 0.5, 1e-5),
                LearningRateSchedule.parse(new LearningRateSchedule.Plateau(3, 0.5, 1e-5).text()));
        assertEquals(new LearningRateSchedule.Step(20, 0.8), LearningRateSchedule.parse("step(every=20,factor=0.8)"));
    }
}
