package io.sparksweep.run;

import java.io.Serializable;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Random changes to training images, drawn afresh for every image of every epoch: a shift by up to {@code shift}
 * pixels in each direction (uncovered pixels become 0, the background of the shipped data) and, with {@code flip},
 * a horizontal mirror half of the time. Only the training set is augmented; validation and test images never are.
 * {@link #text()} is the canonical form kept in trial hyperparameters ({@code none}, {@code shift=2,flip=true}).
 *
 * @param shift most pixels an image moves along each axis, >= 0
 * @param flip  whether half the images are mirrored left-right
 */
public record Augmentation(int shift, boolean flip) implements Serializable {

    /** The value a spec that names no augmentation trains with. */
    public static final Augmentation NONE = new Augmentation(0, false);

    private static final Pattern TEXT = Pattern.compile("shift=(\\d+),flip=(true|false)");
    private static final int MAX_SHIFT = 8;

    public Augmentation {
        if (shift < 0 || shift > MAX_SHIFT) {
            throw new IllegalArgumentException("shift: must be in [0, " + MAX_SHIFT + "] pixels, got " + shift);
        }
    }

    public boolean isNone() {
        return shift == 0 && !flip;
    }

    public String text() {
        return isNone() ? "none" : "shift=" + shift + ",flip=" + flip;
    }

    /** @throws IllegalArgumentException if {@code text} is not a canonical text */
    public static Augmentation parse(String text) {
        if ("none".equals(text)) {
            return NONE;
        }
        Matcher m = TEXT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown augmentation '" + text + "' (expected none or shift=N,flip=B)");
        }
        return new Augmentation(Integer.parseInt(m.group(1)), Boolean.parseBoolean(m.group(2)));
    }

    /**
     * The randomness of one epoch of one run: the same seed and epoch give the same draws, whether the run
     * trained that epoch straight through or continued from a saved state.
     */
    public static Random epochRandom(long seed, int epoch) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 29));
    }

    /**
     * Augments one image in place.
     *
     * @param image   the whole feature array of a batch
     * @param offset  where the image starts in it
     * @param rows    image height
     * @param cols    image width (one channel)
     * @param scratch at least rows * cols floats, overwritten
     */
    public void apply(float[] image, int offset, int rows, int cols, Random random, float[] scratch) {
        int dx = shift == 0 ? 0 : random.nextInt(2 * shift + 1) - shift;
        int dy = shift == 0 ? 0 : random.nextInt(2 * shift + 1) - shift;
        boolean mirror = flip && random.nextBoolean();
        if (dx == 0 && dy == 0 && !mirror) {
            return;
        }
        System.arraycopy(image, offset, scratch, 0, rows * cols);
        for (int r = 0; r < rows; r++) {
            int sr = r - dy;
            for (int c = 0; c < cols; c++) {
                int sc = c - dx;
                if (mirror) {
                    sc = cols - 1 - sc;
                }
                image[offset + r * cols + c] = sr >= 0 && sr < rows && sc >= 0 && sc < cols ? scratch[sr * cols + sc] : 0f;
            }
        }
    }
}
