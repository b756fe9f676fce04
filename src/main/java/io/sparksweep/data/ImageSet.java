package io.sparksweep.data;

import java.io.Serializable;

/**
 * Grey images with integer labels, kept as raw bytes: 1 byte per pixel is 4x smaller than floats, which is
 * what Spark broadcasts to every executor.
 *
 * @param pixels row-major, {@code count * rows * cols} bytes (unsigned 0..255)
 * @param labels one byte per image, 0..classes-1
 */
public record ImageSet(byte[] pixels, byte[] labels, int rows, int cols) implements Serializable {

    public ImageSet {
        if (labels.length == 0 ? pixels.length != 0 : pixels.length != labels.length * rows * cols) {
            throw new IllegalArgumentException("pixels do not match " + labels.length + " images of " + rows + "x" + cols);
        }
    }

    public int count() {
        return labels.length;
    }

    public int pixelsPerImage() {
        return rows * cols;
    }

    public int label(int index) {
        return labels[index] & 0xFF;
    }

    /** A new set holding this set's images followed by {@code other}'s. */
    public ImageSet concat(ImageSet other) {
        if (other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException("cannot join " + rows + "x" + cols + " and " + other.rows + "x" + other.cols + " images");
        }
        byte[] p = java.util.Arrays.copyOf(pixels, pixels.length + other.pixels.length);
        System.arraycopy(other.pixels, 0, p, pixels.length, other.pixels.length);
        byte[] l = java.util.Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, l, labels.length, other.labels.length);
        return new ImageSet(p, l, rows, cols);
    }

    /** A new set holding the images at the given indices, in that order. */
    public ImageSet select(int[] indices) {
        int size = pixelsPerImage();
        byte[] p = new byte[indices.length * size];
        byte[] l = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * size, p, i * size, size);
            l[i] = labels[indices[i]];
        }
        return new ImageSet(p, l, rows, cols);
    }
}
