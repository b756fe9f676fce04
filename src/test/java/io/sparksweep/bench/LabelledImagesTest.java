package io.sparksweep.bench;

import io.sparksweep.data.IdxReader;
import io.sparksweep.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelledImagesTest {

    @Test
    void readsShippedTestSetWithBalancedLabelsAndUnitPixels() throws IOException {
        Path dir = ProjectPaths.fashionMnist();
        LabelledImages test = LabelledImages.of(new IdxReader().read(dir.resolve("t10k-images-idx3-ubyte.gz"),
                dir.resolve("t10k-labels-idx1-ubyte.gz")));

        assertEquals(10_000, test.count());
        assertEquals(28, test.rows());
        assertEquals(28, test.cols());
        assertEquals(10_000 * 784, test.pixels().length);
        int[] perClass = new int[10];
        for (int label : test.labels()) {
            perClass[label]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(1_000, perClass[c], "class " + c);
        }
        float max = 0;
        for (float p : test.pixels()) {
            assertTrue(p >= 0f && p <= 1f);
            max = Math.max(max, p);
        }
        assertEquals(1f, max, "255 must map to 1");
    }
}
