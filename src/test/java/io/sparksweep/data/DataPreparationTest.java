package io.sparksweep.data;

import io.sparksweep.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataPreparationTest {

    @TempDir
    Path dir;

    @Test
    void shippedFashionMnistHasTheDocumentedCounts() {
        ImageSet test = new IdxReader().read(ProjectPaths.fashionMnist().resolve("t10k-images-idx3-ubyte.gz"),
                ProjectPaths.fashionMnist().resolve("t10k-labels-idx1-ubyte.gz"));
        assertEquals(10_000, test.count());
        assertEquals(28, test.rows());
        int[] perClass = new int[10];
        for (int i = 0; i < test.count(); i++) {
            perClass[test.label(i)]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(1000, perClass[c], "class " + c);
        }
    }

    @Test
    void limitsAreStratifiedSeededAndDisjoint() {
        DataPreparation prep = new DataPreparation();
        PreparedData a = prep.prepare(ProjectPaths.fashionMnist(), true, 1000, 500, 0.2, 7);
        PreparedData b = prep.prepare(ProjectPaths.fashionMnist(), true, 1000, 500, 0.2, 7);
        PreparedData c = prep.prepare(ProjectPaths.fashionMnist(), true, 1000, 500, 0.2, 8);
        assertEquals(800, a.train().count());
        assertEquals(200, a.validation().count());
        assertEquals(500, a.test().count());
        assertEquals(a.fingerprint(), b.fingerprint(), "same seed, same splits");
        assertNotEquals(a.fingerprint(), c.fingerprint(), "another seed, other splits");
        int[] perClass = new int[10];
        for (int i = 0; i < a.validation().count(); i++) {
            perClass[a.validation().label(i)]++;
        }
        for (int count : perClass) {
            assertTrue(count >= 19 && count <= 21, "validation is stratified: " + java.util.Arrays.toString(perClass));
        }
        assertEquals("Ankle boot", a.classNames().get(9));
    }

    @Test
    void plainAndGzippedFilesReadTheSame() throws IOException {
        writeIdx(dir, false, 20, 3);
        ImageSet plain = new IdxReader().read(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"));
        Path gz = Files.createDirectory(dir.resolve("gz"));
        writeIdx(gz, true, 20, 3);
        ImageSet zipped = new IdxReader().read(gz.resolve("train-images-idx3-ubyte.gz"), gz.resolve("train-labels-idx1-ubyte.gz"));
        assertArrayEquals(plain.pixels(), zipped.pixels());
        assertArrayEquals(plain.labels(), zipped.labels());
        assertEquals(1, plain.label(4), "image 4 is labelled 4 % 3");
    }

    @Test
    void corruptOrMissingFilesNameTheFile() throws IOException {
        writeIdx(dir, false, 20, 3);
        Path images = dir.resolve("train-images-idx3-ubyte");
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        DatasetException truncated = assertThrows(DatasetException.class, () -> new IdxReader().read(images, labels));
        assertTrue(truncated.getMessage().contains("train-images-idx3-ubyte: truncated"), truncated.getMessage());

        Files.write(images, new byte[]{0, 0, 8, 1, 0, 0, 0, 0});
        DatasetException magic = assertThrows(DatasetException.class, () -> new IdxReader().read(images, labels));
        assertTrue(magic.getMessage().contains("not an IDX images file"), magic.getMessage());

        DatasetException missing = assertThrows(DatasetException.class,
                () -> new DataPreparation().prepare(dir.resolve("nowhere"), false, 0, 0, 0.1, 1));
        assertTrue(missing.getMessage().contains("missing dataset file"), missing.getMessage());
    }

    @Test
    void limitBeyondTheDataIsAnError() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> new DataPreparation().prepare(ProjectPaths.fashionMnist(), true, 0, 20_000, 0.1, 1));
        assertTrue(e.getMessage().contains("data.testLimit 20000 exceeds the 10000 images"), e.getMessage());
    }

    /** Writes a tiny IDX pair whose image i is filled with value i and labelled i % classes. */
    static void writeIdx(Path folder, boolean gzip, int count, int classes) throws IOException {
        byte[] images = new byte[16 + count * 4];
        java.nio.ByteBuffer.wrap(images).putInt(2051).putInt(count).putInt(2).putInt(2);
        byte[] labels = new byte[8 + count];
        java.nio.ByteBuffer.wrap(labels).putInt(2049).putInt(count);
        for (int i = 0; i < count; i++) {
            java.util.Arrays.fill(images, 16 + i * 4, 16 + i * 4 + 4, (byte) i);
            labels[8 + i] = (byte) (i % classes);
        }
        write(folder.resolve("train-images-idx3-ubyte" + (gzip ? ".gz" : "")), images, gzip);
        write(folder.resolve("train-labels-idx1-ubyte" + (gzip ? ".gz" : "")), labels, gzip);
    }

    private static void write(Path file, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
    }
}
