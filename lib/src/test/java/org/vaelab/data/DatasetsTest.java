package org.vaelab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.Lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checksums of the real MNIST files (from ../shared/datasets in CI) and of broken copies. */
class DatasetsTest {
    @TempDir
    Path tmp;

    @Test
    void realMnistAndFashionFilesPassTheirChecksums() {
        for (DatasetFile file : Datasets.MNIST) {
            assertEquals(Datasets.Status.OK, Datasets.check(Lab.dataDir(), file), file.relativePath());
        }
        for (DatasetFile file : Datasets.FASHION_MNIST) {
            assertEquals(Datasets.Status.OK, Datasets.check(Lab.dataDir(), file), file.relativePath());
        }
    }

    @Test
    void missingAndCorruptFilesAreToldApart() throws IOException {
        DatasetFile labels = Datasets.MNIST.get(3);
        assertEquals(Datasets.Status.MISSING, Datasets.check(tmp, labels));
        Path copy = tmp.resolve(labels.relativePath());
        Files.createDirectories(copy.getParent());
        byte[] real = Files.readAllBytes(Lab.dataDir().resolve(labels.relativePath()));
        Files.write(copy, java.util.Arrays.copyOf(real, real.length - 100));
        assertEquals(Datasets.Status.CORRUPT, Datasets.check(tmp, labels), "a truncated download");
        real[real.length / 2] ^= 1;
        Files.write(copy, real);
        assertEquals(Datasets.Status.CORRUPT, Datasets.check(tmp, labels), "right size, wrong checksum");
    }

}
