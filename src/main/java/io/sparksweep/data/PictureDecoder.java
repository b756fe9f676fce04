package io.sparksweep.data;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decodes a user's picture file with bounded memory. The dimensions come from the header (the reader's
 * {@code getWidth}/{@code getHeight} parse it without touching pixel data), so a file that declares more pixels
 * than the limit is refused before anything is allocated for it: a one-bit PNG of 30,000 x 30,000 is a few hundred
 * KB on disk but needs gigabytes once decoded. An allowed image larger than {@link #MAX_DECODED_SIDE} is decoded
 * with source subsampling in the reader, so only every n-th pixel of every n-th row is ever held; the network
 * sees 28 x 28, and the later steps (crop, square, resize) then work on at most that side squared.
 */
final class PictureDecoder {

    /** The longest side an image is decoded at; larger ones are subsampled to it or below. */
    static final int MAX_DECODED_SIDE = 1024;
    /**
     * Longer sides are refused whatever the pixel limit: no camera makes them (JPEG and GIF cannot hold more), and
     * a reader holds whole rows of the undecimated source, so a 50,000,000 x 1 image would cost hundreds of MB.
     */
    static final int MAX_SIDE = 65_535;
    private static final Set<String> FORMATS = Set.of("png", "jpeg", "bmp", "gif");

    /** A file refused with the reason and a one-line message naming it. */
    static final class Refusal extends Exception {
        private final PictureProblem problem;

        Refusal(PictureProblem problem, String message) {
            super(message, null, false, false);
            this.problem = problem;
        }

        PictureProblem problem() {
            return problem;
        }
    }

    private final long maxPixels;

    /** @param maxPixels the most pixels (width x height, as the header declares them) an image may have */
    PictureDecoder(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("the pixel limit must be >= 1, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    BufferedImage decode(Path file) throws Refusal {
        checkFile(file);
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            ImageReader reader = reader(file, in);
            try {
                reader.setInput(in, true, true);
                return read(file, reader);
            } catch (IOException | RuntimeException e) {
                throw endedEarly(e) || consumed(in) ? truncated(file) : undecodable(file, e);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw undecodable(file, e);
        }
    }

    private static void checkFile(Path file) throws Refusal {
        if (!Files.exists(file)) {
            throw new Refusal(PictureProblem.MISSING, file + ": no such image file");
        }
        if (Files.isDirectory(file)) {
            throw new Refusal(PictureProblem.NOT_A_FILE, file + ": a directory, not an image file");
        }
        if (!Files.isRegularFile(file)) {
            // a FIFO or a device would block or never end
            throw new Refusal(PictureProblem.NOT_A_FILE, file + ": not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new Refusal(PictureProblem.UNREADABLE, file + ": cannot be read (no permission)");
        }
        try {
            if (Files.size(file) == 0) {
                throw new Refusal(PictureProblem.EMPTY, file + ": an empty file (0 bytes)");
            }
        } catch (IOException e) {
            throw new Refusal(PictureProblem.UNREADABLE, file + ": cannot be read (" + capped(e.getMessage()) + ")");
        }
    }

    /** The first reader for one of the four formats; others the JDK knows (TIFF, WBMP) are not accepted. */
    private static ImageReader reader(Path file, ImageInputStream in) throws IOException, Refusal {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        String other = null;
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toLowerCase(Locale.ROOT);
            if (FORMATS.contains(format)) {
                return reader;
            }
            other = other == null ? format.toUpperCase(Locale.ROOT) : other;
        }
        throw new Refusal(PictureProblem.NOT_AN_IMAGE, file + ": not a PNG, JPEG, BMP or GIF image"
                + (other == null ? "" : " (a " + other + " image)"));
    }

    private BufferedImage read(Path file, ImageReader reader) throws IOException, Refusal {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        long pixels = (long) width * height;
        if (width < 1 || height < 1) {
            throw new Refusal(PictureProblem.EMPTY, file + ": the image declares " + size(width, height));
        }
        if (pixels > maxPixels) {
            throw new Refusal(PictureProblem.TOO_LARGE, String.format(Locale.ROOT,
                    "%s: the image declares %s (%.1f megapixels), more than the limit of %,d pixels",
                    file, size(width, height), pixels / 1e6, maxPixels));
        }
        if (Math.max(width, height) > MAX_SIDE) {
            throw new Refusal(PictureProblem.SIDE_TOO_LONG, String.format(Locale.ROOT,
                    "%s: the image declares %s; a side longer than %,d pixels is refused", file,
                    size(width, height), MAX_SIDE));
        }
        ImageReadParam param = reader.getDefaultReadParam();
        int step = (Math.max(width, height) + MAX_DECODED_SIDE - 1) / MAX_DECODED_SIDE;
        if (step > 1) {
            param.setSourceSubsampling(step, step, 0, 0);
        }
        List<String> truncation = new ArrayList<>(1);
        // the JPEG reader does not fail on a cut file: it warns and fills the missing part with grey
        reader.addIIOReadWarningListener((source, warning) -> {
            String text = warning.toLowerCase(Locale.ROOT);
            if (text.contains("truncated") || text.contains("premature end")) {
                truncation.add(warning);
            }
        });
        BufferedImage image = reader.read(0, param);
        if (!truncation.isEmpty()) {
            throw truncated(file);
        }
        return image;
    }

    private static Refusal truncated(Path file) {
        return new Refusal(PictureProblem.TRUNCATED, file + ": truncated, the image data ends early");
    }

    private static Refusal undecodable(Path file, Exception e) {
        return new Refusal(PictureProblem.UNDECODABLE, file + ": cannot decode the image ("
                + capped(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
    }

    /** Whether the reader got to the end of the file: its failure then is the data running out (GIF says only so). */
    private static boolean consumed(ImageInputStream in) {
        try {
            return in.length() > 0 && in.getStreamPosition() >= in.length();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean endedEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    private static String size(int width, int height) {
        return String.format(Locale.ROOT, "%,d x %,d pixels", width, height);
    }

    /** A decoder's message on one line, at most 80 characters. */
    static String capped(String message) {
        String text = message == null ? "no detail" : message.replaceAll("\\s+", " ").trim();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
