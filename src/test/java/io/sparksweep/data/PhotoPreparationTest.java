package io.sparksweep.data;

import io.sparksweep.testing.Photos;
import io.sparksweep.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhotoPreparationTest {

    private static final ImageSet TEST = new IdxReader().read(
            ProjectPaths.fashionMnist().resolve("t10k-images-idx3-ubyte.gz"),
            ProjectPaths.fashionMnist().resolve("t10k-labels-idx1-ubyte.gz"));
    private final PhotoPreparation preparation = new PhotoPreparation(28);

    @TempDir
    Path dir;

    /** Mean absolute pixel difference (0..255) between an image and its round trip through a photo file. */
    private double roundTripError(int index, String format, int background) {
        byte[] original = Photos.pixels(TEST, index);
        BufferedImage photo = Photos.render(original, 28, 12, 90, 40, 30, 120, background);
        Path file = Photos.write(photo, dir.resolve(index + "." + format), format);
        byte[] back = preparation.prepare(file);
        assertEquals(28 * 28, back.length);
        double sum = 0;
        for (int i = 0; i < back.length; i++) {
            sum += Math.abs((back[i] & 0xFF) - (original[i] & 0xFF));
        }
        return sum / back.length;
    }

    @Test
    void aLargeLightPhotoComesBackCloseToTheOriginalImage() {
        double[] png = new double[20];
        double[] jpg = new double[20];
        for (int i = 0; i < 20; i++) {
            png[i] = roundTripError(i, "png", 255);
            jpg[i] = roundTripError(i, "jpg", 235);
        }
        double pngMedian = median(png);
        double jpgMedian = median(jpg);
        System.out.printf("photo round trip: median mean-abs error PNG %.1f, JPEG %.1f (of 255)%n", pngMedian, jpgMedian);
        // the medians measured are in docs/testing.md, "Measured by the tests"; the bounds leave a few levels above them
        assertTrue(pngMedian < 15, "PNG round trip median |error| " + pngMedian + " of 255");
        assertTrue(jpgMedian < 18, "JPEG round trip median |error| " + jpgMedian + " of 255");
    }

    @Test
    void darkBackgroundIsKeptAndLightBackgroundInverted() {
        BufferedImage dark = new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB);
        BufferedImage light = new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 50; x++) {
                boolean item = x >= 20 && x < 30 && y >= 5 && y < 35;  // a 10x30 bar
                dark.setRGB(x, y, item ? 0xFFFFFF : 0x000000);
                light.setRGB(x, y, item ? 0x000000 : 0xFFFFFF);
            }
        }
        byte[] a = preparation.prepare(dark);
        byte[] b = preparation.prepare(light);
        assertTrue(Arrays.equals(a, b), "a white-on-black and a black-on-white bar give the same input");
        // the 10x30 bar fills the full height, centred: columns 0-8 and 19-27 are black, the centre is white
        assertEquals(0, a[14 * 28 + 2] & 0xFF);
        assertEquals(0, a[14 * 28 + 25] & 0xFF);
        assertEquals(255, a[14 * 28 + 14] & 0xFF);
        assertEquals(255, a[0 * 28 + 14] & 0xFF, "cropped: the bar reaches the top row");
    }

    @Test
    void aFileThatIsNotAnImageIsNamed() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image at all");
        DatasetException e = assertThrows(DatasetException.class, () -> preparation.prepare(text));
        assertTrue(e.getMessage().startsWith(text.toString()) && e.getMessage().contains("not a PNG, JPEG"),
                e.getMessage());
        Path missing = dir.resolve("missing.jpg");
        assertTrue(assertThrows(DatasetException.class, () -> preparation.prepare(missing)).getMessage()
                .startsWith(missing.toString()));
    }

    @Test
    void aTruncatedPngIsNamed() throws Exception {
        Path full = Photos.write(Photos.render(Photos.pixels(TEST, 0), 28, 4, 5, 5, 5, 5, 255), dir.resolve("a.png"), "png");
        byte[] bytes = Files.readAllBytes(full);
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(bytes, bytes.length / 2));
        DatasetException e = assertThrows(DatasetException.class, () -> preparation.prepare(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        assertTrue(e.getMessage().length() < cut.toString().length() + 120, "short: " + e.getMessage());
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return (s[s.length / 2] + s[(s.length - 1) / 2]) / 2;
    }
}
