package org.vaelab.data;

import org.vaelab.model.multiview.*;
import org.vaelab.train.Trained;
import org.vaelab.Trainers;
import org.vaelab.Data;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real MNIST and Fashion-MNIST against the figures their README gives, and every kind of broken IDX file. */
class IdxTest {
    @TempDir
    Path tmp;

    @Test
    void mnistMatchesItsPublishedCountsAndStatistics() throws IOException {
        ImageSet train = Data.mnist(Split.TRAIN);
        ImageSet test = Data.mnist(Split.TEST);
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, train.classCounts());
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, test.classCounts());
        assertEquals(33.32, train.meanPixel(), 0.005);
        assertEquals(33.79, test.meanPixel(), 0.005);
        assertEquals(5, train.label(0), "the first MNIST training digit is a 5");
    }

    @Test
    void fashionMnistMatchesItsPublishedLabelsAndStatistics() throws IOException {
        ImageSet train = Data.fashionMnist(Split.TRAIN);
        ImageSet test = Data.fashionMnist(Split.TEST);
        int[] first = new int[10];
        Arrays.setAll(first, train::label);
        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, first);
        Arrays.setAll(first, test::label);
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, first);
        for (int count : train.classCounts()) {
            assertEquals(6000, count);
        }
        assertEquals(72.940, train.meanPixel(), 0.001);
        double mean = train.meanPixel();
        double squares = 0;
        for (int i = 0; i < train.size(); i++) {
            for (int j = 0; j < 784; j++) {
                double d = train.pixel(i, j) - mean;
                squares += d * d;
            }
        }
        assertEquals(90.021, Math.sqrt(squares / (train.size() * 784.0)), 0.001, "Fashion-MNIST train pixel std");
        assertEquals(73.147, test.meanPixel(), 0.001);
        assertEquals("Ankle boot", train.classNames().get(train.label(0)));
    }

    @Test
    void aTruncatedFileSaysSo() throws IOException {
        Path images = gzip("short-images.gz", header(0x803, 10, 28, 28), new byte[784 * 3]);
        Path labels = gzip("labels.gz", header(0x801, 10), new byte[10]);
        IOException error = assertThrows(IOException.class, () -> Idx.read("MNIST", images, labels, 28, 28, Data.DIGITS));
        assertTrue(error.getMessage().contains("short-images.gz ends early: it is truncated"), error.getMessage());
    }

    @Test
    void aCutOffGzipStreamSaysSo() throws IOException {
        byte[] whole = Files.readAllBytes(gzip("whole.gz", header(0x801, 5000), new byte[5000]));
        Path cut = Files.write(tmp.resolve("cut.gz"), Arrays.copyOf(whole, whole.length / 2));
        IOException error = assertThrows(IOException.class, () -> Idx.readLabels(cut, -1));
        assertTrue(error.getMessage().contains("cut.gz ends early"), error.getMessage());
    }

    @Test
    void aFileThatIsNotGzipSaysSo() throws IOException {
        Path plain = Files.write(tmp.resolve("plain.gz"), header(0x803, 1, 28, 28));
        IOException error = assertThrows(IOException.class, () -> Idx.readImages(plain, -1));
        assertTrue(error.getMessage().contains("plain.gz is not a valid gzip file"), error.getMessage());
    }

    @Test
    void aLabelFileIsNotAnImageFile() throws IOException {
        Path labels = gzip("labels.gz", header(0x801, 2), new byte[2]);
        IOException error = assertThrows(IOException.class, () -> Idx.read("MNIST", labels, labels, 28, 28, Data.DIGITS));
        assertTrue(error.getMessage().contains("magic number 0x00000801, expected 0x00000803"), error.getMessage());
    }

    @Test
    void imagesOfTheWrongSizeAreRefused() throws IOException {
        Path images = gzip("images.gz", header(0x803, 2, 32, 32), new byte[2 * 1024]);
        Path labels = gzip("labels.gz", header(0x801, 2), new byte[2]);
        IOException error = assertThrows(IOException.class, () -> Idx.read("MNIST", images, labels, 28, 28, Data.DIGITS));
        assertTrue(error.getMessage().contains("holds 32x32 images; MNIST images are 28x28"), error.getMessage());
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        Path images = gzip("images.gz", header(0x803, 3, 28, 28), new byte[3 * 784]);
        Path labels = gzip("labels.gz", header(0x801, 2), new byte[2]);
        IOException error = assertThrows(IOException.class, () -> Idx.read("MNIST", images, labels, 28, 28, Data.DIGITS));
        assertTrue(error.getMessage().contains("holds 3 images but") && error.getMessage().contains("holds 2 labels"), error.getMessage());
    }

    @Test
    void labelsOutsideTheClassesAreRefused() throws IOException {
        Path images = gzip("images.gz", header(0x803, 1, 28, 28), new byte[784]);
        Path labels = gzip("labels.gz", header(0x801, 1), new byte[] {12});
        IOException error = assertThrows(IOException.class, () -> Idx.read("MNIST", images, labels, 28, 28, Data.DIGITS));
        assertTrue(error.getMessage().contains("label 12 of image 0"), error.getMessage());
    }

    private static byte[] header(int... ints) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * ints.length);
        for (int value : ints) {
            buffer.putInt(value);
        }
        return buffer.array();
    }

    private Path gzip(String name, byte[]... parts) throws IOException {
        Path file = tmp.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (byte[] part : parts) {
                out.write(part);
            }
        }
        return file;
    }
}
