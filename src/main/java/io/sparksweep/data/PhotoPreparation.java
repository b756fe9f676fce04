package io.sparksweep.data;

import org.imgscalr.Scalr;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Turns an ordinary picture of one item (PNG, JPEG, BMP or GIF, up to a pixel limit, any background) into a
 * Fashion-MNIST style image: grey, the item cropped to its bounding box and padded to a centred square, resized to the
 * network's side, light item on a black background. The result is raw 0..255 bytes like {@link ImageSet}'s
 * pixels, so the model's own pixel scaling applies to it exactly as in training.
 *
 * <p>Decoding is {@code javax.imageio} (PNG, JPEG, BMP, GIF built in) and the downscaling is imgscalr's
 * incremental resize (ULTRA_QUALITY: many small steps), since a one-step resize of a large photo to 28x28 aliases
 * badly; imgscalr is a small pure-Java library (no natives, unlike DataVec's OpenCV-based image loader).
 *
 * <p>A file is checked before it is decoded ({@link PictureDecoder}): an image whose header declares more pixels
 * than the limit is refused unread, and a large allowed one is decoded subsampled, so one hostile file costs neither
 * the heap nor the time of its declared size.
 */
public final class PhotoPreparation {

    /** Pixels that differ from the background by more than this (0..255) belong to the item. */
    private static final int OBJECT_THRESHOLD = 40;

    /** The pixel limit unless one is given: generous for photos (a 50 MP camera's), far below a decoding bomb's. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    private final int side;
    private final PictureDecoder decoder;

    /** @param side the square side the network takes (28 for Fashion-MNIST) */
    public PhotoPreparation(int side) {
        this(side, DEFAULT_MAX_PIXELS);
    }

    /** @param maxPixels the most pixels (width x height as the file's header declares them) a picture may have */
    public PhotoPreparation(int side, long maxPixels) {
        if (side < 1) {
            throw new IllegalArgumentException("side must be >= 1, got " + side);
        }
        this.side = side;
        this.decoder = new PictureDecoder(maxPixels);
    }

    /**
     * @return {@code side * side} grey bytes, row-major, item light on black
     * @throws DatasetException naming the file when it is refused (see {@link #attempt})
     */
    public byte[] prepare(Path file) {
        PictureResult result = attempt(file);
        if (result instanceof PictureResult.Refused refused) {
            throw new DatasetException(refused.message());
        }
        return ((PictureResult.Prepared) result).pixels();
    }

    /**
     * The pixels, or the reason the file was refused: missing, a directory, unreadable, empty, not an image, above
     * the pixel limit, truncated or otherwise undecodable. Never throws for a bad file.
     */
    public PictureResult attempt(Path file) {
        BufferedImage image;
        try {
            image = decoder.decode(file);
        } catch (PictureDecoder.Refusal refusal) {
            return new PictureResult.Refused(file, refusal.problem(), refusal.getMessage());
        }
        return new PictureResult.Prepared(file, prepare(image));
    }

    /** The same pipeline for an image already in memory. */
    public byte[] prepare(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] grey = grey(image);
        int background = borderMedian(grey, width, height);
        boolean invert = background > 127;
        int[] ink = new int[grey.length];
        int level = invert ? 255 - background : background;
        for (int i = 0; i < grey.length; i++) {
            int v = invert ? 255 - grey[i] : grey[i];
            // background to 0, the brightest possible item to 255: a light-grey page is as good as a white one
            ink[i] = Math.max(0, Math.min(255, Math.round((v - level) * 255f / Math.max(1, 255 - level))));
        }
        int[] box = boundingBox(ink, width, height);
        BufferedImage square = paddedSquare(ink, width, box);
        BufferedImage small = square.getWidth() == side ? square
                : Scalr.resize(square, Scalr.Method.ULTRA_QUALITY, Scalr.Mode.FIT_EXACT, side, side);
        int[] rgb = small.getRGB(0, 0, side, side, null, 0, side);
        byte[] out = new byte[side * side];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (rgb[i] & 0xFF);
        }
        return out;
    }

    /** ITU-R BT.601 luma; transparent parts count as white paper. */
    private static int[] grey(BufferedImage image) {
        int width = image.getWidth();
        int[] argb = image.getRGB(0, 0, width, image.getHeight(), null, 0, width);
        int[] grey = new int[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            int alpha = p >>> 24;
            double luma = 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
            grey[i] = (int) Math.round((luma * alpha + 255.0 * (255 - alpha)) / 255.0);
        }
        return grey;
    }

    /** The background level: the median of the outermost pixel ring (robust to an item touching one edge). */
    private static int borderMedian(int[] grey, int width, int height) {
        int[] border = new int[height == 1 || width == 1 ? grey.length : 2 * (width + height) - 4];
        int n = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (y == 0 || y == height - 1 || x == 0 || x == width - 1) {
                    border[n++] = grey[y * width + x];
                }
            }
        }
        int[] sorted = Arrays.copyOf(border, n);
        Arrays.sort(sorted);
        return sorted[n / 2];
    }

    /** {minX, minY, maxX, maxY} of the item's pixels; the whole image when nothing stands out. */
    private static int[] boundingBox(int[] ink, int width, int height) {
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (ink[y * width + x] > OBJECT_THRESHOLD) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? new int[] {0, 0, width - 1, height - 1} : new int[] {minX, minY, maxX, maxY};
    }

    /** The box's pixels centred on a black square whose side is the box's longer edge (Fashion-MNIST's framing). */
    private static BufferedImage paddedSquare(int[] ink, int width, int[] box) {
        int w = box[2] - box[0] + 1;
        int h = box[3] - box[1] + 1;
        int s = Math.max(w, h);
        int offX = (s - w) / 2;
        int offY = (s - h) / 2;
        int[] rgb = new int[s * s];
        for (int y = 0; y < h; y++) {
            int src = (box[1] + y) * width + box[0];
            int dst = (offY + y) * s + offX;
            for (int x = 0; x < w; x++) {
                int v = ink[src + x];
                rgb[dst + x] = (v << 16) | (v << 8) | v;
            }
        }
        BufferedImage square = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        square.setRGB(0, 0, s, s, rgb, 0, s);
        return square;
    }
}
