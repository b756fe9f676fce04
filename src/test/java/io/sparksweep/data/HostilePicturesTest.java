package io.sparksweep.data;

import io.sparksweep.data.PictureResult.Refused;
import io.sparksweep.testing.HostilePictures;
import io.sparksweep.testing.Photos;
import io.sparksweep.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Picture files that must be refused before they cost memory or time, each with its reason. */
class HostilePicturesTest {

    private static final ImageSet TEST = new IdxReader().read(
            ProjectPaths.fashionMnist().resolve("t10k-images-idx3-ubyte.gz"),
            ProjectPaths.fashionMnist().resolve("t10k-labels-idx1-ubyte.gz"));
    private static final long FEW_MB = 4L << 20;

    private final PhotoPreparation preparation = new PhotoPreparation(28);

    @TempDir
    Path dir;

    @Test
    void theGeneratorsWriteRealPicturesThatOnlyTheirSizeMakesHostile() throws Exception {
        BufferedImage png = ImageIO.read(HostilePictures.hugePng(dir.resolve("small.png"), 300, 200).toFile());
        assertEquals(300, png.getWidth());
        assertEquals(200, png.getHeight());
        BufferedImage gif = ImageIO.read(HostilePictures.hugeGif(dir.resolve("small.gif"), 1, 1).toFile());
        assertEquals(1, gif.getWidth());
    }

    @Test
    void aPngAndAGifDeclaringHugeSizesAreRefusedFastWithoutAllocating() {
        Path png = HostilePictures.hugePng(dir.resolve("bomb.png"), 30_000, 30_000);
        Path gif = HostilePictures.hugeGif(dir.resolve("bomb.gif"), 30_000, 30_000);
        for (Path bomb : new Path[] {png, gif}) {
            preparation.attempt(bomb); // classes loaded and code warm, so only the refusal itself is measured
            // Bytes this thread allocated, not the heap's use: other test classes run beside this one and allocate.
            long allocatedBefore = allocatedByThisThread();
            long start = System.nanoTime();
            PictureResult result = preparation.attempt(bomb);
            double seconds = (System.nanoTime() - start) / 1e9;
            long allocated = allocatedByThisThread() - allocatedBefore;
            System.out.printf("%s (%,d bytes on disk): refused in %.4f s, %,d bytes allocated%n",
                    bomb.getFileName(), size(bomb), seconds, allocated);
            Refused refused = refused(result, PictureProblem.TOO_LARGE);
            assertTrue(refused.message().startsWith(bomb + ": "), refused.message());
            assertTrue(refused.message().contains("30,000 x 30,000 pixels"), refused.message());
            assertTrue(refused.message().contains("50,000,000"), "names the limit: " + refused.message());
            assertTrue(allocated < FEW_MB, "allocated " + allocated + " bytes to refuse " + bomb);
            assertTrue(seconds < 1, "refused in " + seconds + " s");
        }
        assertTrue(size(png) < 200_000, "the PNG is tiny on disk: " + size(png));
    }

    @Test
    void aLongSideIsRefusedWhateverThePixelLimit() {
        Path strip = HostilePictures.hugePng(dir.resolve("strip.png"), 100_000, 1);
        Refused refused = refused(new PhotoPreparation(28, Long.MAX_VALUE).attempt(strip),
                PictureProblem.SIDE_TOO_LONG);
        assertTrue(refused.message().startsWith(strip + ": ") && refused.message().contains("100,000 x 1"),
                refused.message());
    }

    @Test
    void theLimitIsTheCallersAndCountsDeclaredPixels() {
        Path photo = photo(0, 10, "png"); // 28*10 + margins: 330 x 320
        assertInstanceOf(PictureResult.Prepared.class, new PhotoPreparation(28, 330 * 320).attempt(photo));
        Refused refused = refused(new PhotoPreparation(28, 330 * 320 - 1).attempt(photo), PictureProblem.TOO_LARGE);
        assertTrue(refused.message().contains("330 x 320 pixels"), refused.message());
        assertThrows(IllegalArgumentException.class, () -> new PhotoPreparation(28, 0));
    }

    @Test
    void brokenFilesAreRefusedEachWithItsReason() throws Exception {
        Path jpeg = photo(1, 8, "jpg");
        Path cutJpeg = HostilePictures.truncated(jpeg, dir.resolve("cut.jpg"), 0.6);
        Path cutPng = HostilePictures.truncated(photo(2, 8, "png"), dir.resolve("cut.png"), 0.6);
        Path cutGif = HostilePictures.truncated(photo(3, 8, "gif"), dir.resolve("cut.gif"), 0.6);
        Path cutBmp = HostilePictures.truncated(photo(4, 8, "bmp"), dir.resolve("cut.bmp"), 0.6);
        Path text = Files.writeString(dir.resolve("notes.png"), "this is a text file with a picture's name");
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        Path folder = Files.createDirectory(dir.resolve("holiday.png"));
        Path missing = dir.resolve("missing.gif");
        Path tiff = dir.resolve("scan.tif");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "tiff", tiff.toFile());

        refused(preparation.attempt(cutJpeg), PictureProblem.TRUNCATED);
        refused(preparation.attempt(cutPng), PictureProblem.TRUNCATED);
        refused(preparation.attempt(cutGif), PictureProblem.TRUNCATED);
        refused(preparation.attempt(cutBmp), PictureProblem.TRUNCATED);
        refused(preparation.attempt(text), PictureProblem.NOT_AN_IMAGE);
        refused(preparation.attempt(empty), PictureProblem.EMPTY);
        refused(preparation.attempt(folder), PictureProblem.NOT_A_FILE);
        refused(preparation.attempt(missing), PictureProblem.MISSING);
        String tiffMessage = refused(preparation.attempt(tiff), PictureProblem.NOT_AN_IMAGE).message();
        assertTrue(tiffMessage.contains("TIF"), tiffMessage);
        assertInstanceOf(PictureResult.Prepared.class, preparation.attempt(jpeg), "the uncut JPEG is fine");
        DatasetException thrown = assertThrows(DatasetException.class, () -> preparation.prepare(cutJpeg));
        assertTrue(thrown.getMessage().startsWith(cutJpeg + ": truncated"), thrown.getMessage());
    }

    @Test
    void aLargeAllowedPhotoIsDecodedSubsampledAndStillComesOutRight() {
        // 28*90 + margins: 2,620 x 2,580 (6.8 megapixels), decoded at every third pixel of every third row
        Path large = photo(5, 90, "png");
        Path small = photo(5, 10, "png");
        preparation.attempt(small);
        long before = allocatedByThisThread();
        byte[] fromLarge = ((PictureResult.Prepared) preparation.attempt(large)).pixels();
        long allocated = allocatedByThisThread() - before;
        byte[] fromSmall = preparation.prepare(small);
        byte[] original = Photos.pixels(TEST, 5);
        System.out.printf("a 2,620 x 2,580 PNG prepared with %,d bytes allocated (27 MB decoded as ARGB); "
                + "mean |error| vs the original %.1f, the 330 x 320 photo's %.1f (of 255)%n", allocated,
                meanAbsError(fromLarge, original), meanAbsError(fromSmall, original));
        double error = meanAbsError(fromLarge, original);
        assertTrue(error < 20, "close to the original: " + error);
        // whole-image int arrays at full size would be 27 MB each, and the pipeline holds several
        assertTrue(allocated < 60L << 20, "allocated " + allocated);
    }

    private Path photo(int index, int scale, String format) {
        BufferedImage page = Photos.render(Photos.pixels(TEST, index), 28, scale, 30, 20, 20, 20, 250);
        return Photos.write(page, dir.resolve(index + "-" + scale + "." + format), format);
    }

    private static Refused refused(PictureResult result, PictureProblem problem) {
        Refused refused = assertInstanceOf(Refused.class, result, "refused: " + result.file());
        assertEquals(problem, refused.problem(), refused.message());
        assertTrue(refused.message().startsWith(result.file() + ": "), refused.message());
        assertFalse(refused.message().contains("\n"), "one line: " + refused.message());
        assertTrue(refused.message().length() < result.file().toString().length() + 130, refused.message());
        return refused;
    }

    private static double meanAbsError(byte[] a, byte[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return sum / a.length;
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
