package io.sparksweep.data;

import io.sparksweep.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShippedDatasetTest {

    @TempDir
    Path elsewhere;

    @Test
    void theCopyInsideTheJarUnpacksToTheSameBytesAndTheSameData() throws IOException {
        Path unpacked = ShippedDataset.unpackedFromJar().orElseThrow();
        for (String file : ShippedDataset.FILES) {
            assertArrayEquals(Files.readAllBytes(ProjectPaths.fashionMnist().resolve(file)),
                    Files.readAllBytes(unpacked.resolve(file)), file);
        }
        assertEquals(unpacked, ShippedDataset.unpackedFromJar().orElseThrow(), "unpacked once, then reused");
        DataPreparation preparation = new DataPreparation();
        assertEquals(preparation.prepare(ProjectPaths.fashionMnist(), true, 300, 100, 0.1, 7).fingerprint(),
                preparation.prepare(unpacked, true, 300, 100, 0.1, 7).fingerprint());
    }

    @Test
    void aSpecOutsideTheProjectStillFindsTheShippedCopy() {
        Path found = ShippedDataset.locate(elsewhere.resolve("sweeps"));
        assertTrue(Files.isRegularFile(found.resolve("train-images-idx3-ubyte.gz")), found.toString());
    }
}
