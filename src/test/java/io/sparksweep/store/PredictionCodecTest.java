package io.sparksweep.store;

import io.sparksweep.run.TestPredictions;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal's compact form of a run's test predictions: exact round trips, damage named. */
class PredictionCodecTest {

    /** Answers like a trained network's: right on {@code accuracy} of the items, confident, softmax-shaped. */
    static TestPredictions realistic(int items, int classes, double accuracy, long seed) {
        Random random = new Random(seed);
        int[] labels = new int[items];
        int[] predicted = new int[items];
        float[] pLabel = new float[items];
        float[] pPredicted = new float[items];
        for (int i = 0; i < items; i++) {
            labels[i] = random.nextInt(classes);
            boolean right = random.nextDouble() < accuracy;
            predicted[i] = right ? labels[i] : (labels[i] + 1 + random.nextInt(classes - 1)) % classes;
            float top = (float) (1 - Math.pow(random.nextDouble(), 4) * 0.6);
            pPredicted[i] = top;
            pLabel[i] = right ? top : (float) ((1 - top) * random.nextDouble());
        }
        return new TestPredictions(labels, predicted, pLabel, pPredicted);
    }

    @Test
    void roundTripsExactlyWhateverTheClassCount() {
        for (int classes : new int[] {2, 10, 300, 70_000}) {
            TestPredictions original = realistic(1_000, classes, 0.8, classes);
            assertEquals(original, PredictionCodec.decode(PredictionCodec.encode(original)), classes + " classes");
        }
        TestPredictions odd = new TestPredictions(new int[] {0, 1}, new int[] {1, 1},
                new float[] {Float.NaN, -0.0f}, new float[] {Float.MIN_VALUE, -0.0f});
        assertEquals(odd, PredictionCodec.decode(PredictionCodec.encode(odd)), "NaN and signed zero keep their bits");
        TestPredictions none = new TestPredictions(new int[0], new int[0], new float[0], new float[0]);
        assertEquals(none, PredictionCodec.decode(PredictionCodec.encode(none)));
    }

    @Test
    void tenThousandItemsFitInAFewTensOfKilobytes() {
        TestPredictions run = realistic(10_000, 10, 0.9, 7);
        int size = PredictionCodec.encode(run).length();
        System.out.println("predictions of 10,000 items (10 classes, 90 % right) in the journal: " + size + " chars");
        assertTrue(size < 100_000, "against 4 x 40 KB packed arrays: " + size);
    }

    @Test
    void damagedTextIsNamedNotMisread() {
        String text = PredictionCodec.encode(realistic(500, 10, 0.8, 3));
        assertThrows(IllegalArgumentException.class, () -> PredictionCodec.decode(text.substring(0, text.length() / 2)));
        assertThrows(IllegalArgumentException.class, () -> PredictionCodec.decode("not base64 !"));
    }
}
