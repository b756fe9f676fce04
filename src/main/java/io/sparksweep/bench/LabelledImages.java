package io.sparksweep.bench;

import io.sparksweep.data.IdxReader;
import io.sparksweep.data.ImageSet;

import java.nio.file.Path;

/**
 * Grey images with class labels, pixels scaled to [0, 1], row-major per image.
 *
 * @param pixels images one after another, rows * cols floats each
 * @param labels class index per image
 */
public record LabelledImages(float[] pixels, int[] labels, int rows, int cols) {

    public int count() {
        return labels.length;
    }

    public int imageSize() {
        return rows * cols;
    }

    /** The Fashion-MNIST training set as shipped in data/fashion-mnist, read by the data package. */
    public static LabelledImages fashionMnistTrain(Path dir) {
        return of(new IdxReader().read(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz")));
    }

    /** Float copy of a data-package image set: the bench feeds prebuilt float minibatches. */
    public static LabelledImages of(ImageSet set) {
        byte[] raw = set.pixels();
        float[] pixels = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            pixels[i] = (raw[i] & 0xFF) / 255f;
        }
        int[] ys = new int[set.count()];
        for (int i = 0; i < ys.length; i++) {
            ys[i] = set.label(i);
        }
        return new LabelledImages(pixels, ys, set.rows(), set.cols());
    }
}
