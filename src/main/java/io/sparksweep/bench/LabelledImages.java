package io.sparksweep.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Grey images with class labels, pixels scaled to [0, 1], row-major per image.
 * The reader is deliberately minimal; the data package's reader replaces it once merged.
 *
 * @param pixels images one after another, rows * cols floats each
 * @param labels class index per image
 */
public record LabelledImages(float[] pixels, int[] labels, int rows, int cols) {

    private static final int IMAGES_MAGIC = 2051;
    private static final int LABELS_MAGIC = 2049;

    public int count() {
        return labels.length;
    }

    public int imageSize() {
        return rows * cols;
    }

    /** The Fashion-MNIST training set as shipped in data/fashion-mnist. */
    public static LabelledImages fashionMnistTrain(Path dir) throws IOException {
        return read(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
    }

    public static LabelledImages read(Path imagesGz, Path labelsGz) throws IOException {
        try (DataInputStream images = open(imagesGz); DataInputStream labels = open(labelsGz)) {
            expectMagic(images, IMAGES_MAGIC, imagesGz);
            expectMagic(labels, LABELS_MAGIC, labelsGz);
            int count = images.readInt();
            int rows = images.readInt();
            int cols = images.readInt();
            int labelCount = labels.readInt();
            if (labelCount != count) {
                throw new IOException(count + " images but " + labelCount + " labels");
            }
            byte[] raw = images.readNBytes(count * rows * cols);
            byte[] rawLabels = labels.readNBytes(count);
            if (raw.length != count * rows * cols || rawLabels.length != count) {
                throw new IOException("truncated IDX file " + imagesGz + " or " + labelsGz);
            }
            float[] pixels = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                pixels[i] = (raw[i] & 0xFF) / 255f;
            }
            int[] ys = new int[count];
            for (int i = 0; i < count; i++) {
                ys[i] = rawLabels[i] & 0xFF;
            }
            return new LabelledImages(pixels, ys, rows, cols);
        }
    }

    private static DataInputStream open(Path gz) throws IOException {
        InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16);
        return new DataInputStream(in);
    }

    private static void expectMagic(DataInputStream in, int magic, Path file) throws IOException {
        int actual = in.readInt();
        if (actual != magic) {
            throw new IOException(file + ": IDX magic " + actual + ", expected " + magic);
        }
    }
}
