package org.vaelab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.Lab;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real MNIST files (from ../shared/datasets in CI), and broken copies of them. */
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
    void realLabelsAndPixelsMatchThePublishedFigures() throws IOException {
        byte[] labels = Idx.readLabels(Lab.dataDir().resolve("fashion-mnist/train-labels-idx1-ubyte.gz"), -1);
        assertEquals(60000, labels.length);
        assertArrayEquals(new byte[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, java.util.Arrays.copyOf(labels, 10));
        byte[][] images = Idx.readImages(Lab.dataDir().resolve("mnist/t10k-images-idx3-ubyte.gz"), -1);
        assertEquals(10000, images.length);
        assertEquals(784, images[0].length);
        long sum = 0;
        for (byte[] image : images) {
            for (byte pixel : image) {
                sum += pixel & 0xff;
            }
        }
        assertEquals(33.79, sum / (10000.0 * 784), 0.005, "MNIST test pixel mean, as the datasets README gives it");
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

    @Test
    void aTruncatedIdxFileSaysSo() throws IOException {
        Path file = gzip(tmp.resolve("short.gz"), header(0x803, 10, 28, 28), new byte[784 * 3]);
        IOException error = assertThrows(IOException.class, () -> Idx.readImages(file, -1));
        assertTrue(error.getMessage().contains("truncated") && error.getMessage().contains("short.gz"), error.getMessage());
    }

    @Test
    void aLabelFileIsNotAnImageFile() throws IOException {
        Path file = gzip(tmp.resolve("labels.gz"), header(0x801, 2), new byte[2]);
        IOException error = assertThrows(IOException.class, () -> Idx.readImages(file, -1));
        assertTrue(error.getMessage().contains("magic number 0x00000801, expected 0x00000803"), error.getMessage());
    }

    private static byte[] header(int... ints) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * ints.length);
        for (int value : ints) {
            buffer.putInt(value);
        }
        return buffer.array();
    }

    private static Path gzip(Path file, byte[]... parts) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (byte[] part : parts) {
                out.write(part);
            }
        }
        return file;
    }
}
