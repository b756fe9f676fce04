package io.sparksweep.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads the IDX format of (Fashion-)MNIST, gzipped or plain, checking magic numbers and sizes. */
public final class IdxReader {

    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;
    private static final int GZIP_MAGIC_FIRST_BYTE = 0x1f;

    /** Reads an images file and its labels file into one set; any mismatch is a {@link DatasetException}. */
    public ImageSet read(Path images, Path labels) {
        try (DataInputStream in = open(images)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new DatasetException(images + ": not an IDX images file (magic " + magic + ", expected " + IMAGES_MAGIC + ")");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols > Integer.MAX_VALUE) {
                throw new DatasetException(images + ": corrupt IDX header (" + count + " x " + rows + " x " + cols + ")");
            }
            byte[] pixels = new byte[count * rows * cols];
            readFully(in, pixels, images);
            byte[] labelBytes = readLabels(labels, count);
            return new ImageSet(pixels, labelBytes, rows, cols);
        } catch (IOException e) {
            throw new DatasetException(images + ": cannot read: " + e.getMessage());
        }
    }

    private byte[] readLabels(Path labels, int expectedCount) throws IOException {
        try (DataInputStream in = open(labels)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new DatasetException(labels + ": not an IDX labels file (magic " + magic + ", expected " + LABELS_MAGIC + ")");
            }
            int count = in.readInt();
            if (count != expectedCount) {
                throw new DatasetException(labels + ": " + count + " labels for " + expectedCount + " images");
            }
            byte[] bytes = new byte[count];
            readFully(in, bytes, labels);
            return bytes;
        }
    }

    private static void readFully(DataInputStream in, byte[] into, Path file) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new DatasetException(file + ": truncated (expected " + into.length + " data bytes)");
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file + ": missing dataset file");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int first = raw.read();
        raw.reset();
        InputStream in = first == GZIP_MAGIC_FIRST_BYTE ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new DataInputStream(in);
    }
}
