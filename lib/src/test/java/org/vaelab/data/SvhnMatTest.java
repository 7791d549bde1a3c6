package org.vaelab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SVHN files written here in SVHN's own layout (MATLAB v5, X 32×32×3×N uint8, y N×1 with 10 for 0). */
class SvhnMatTest {
    @TempDir
    Path tmp;

    /** The value the test file holds at (height h, width w, channel c) of image i. */
    private static byte value(int h, int w, int c, int i) {
        return (byte) (h * 7 + w * 3 + c * 50 + i * 11);
    }

    static Path writeSvhn(Path file, int[] labels) throws IOException {
        int n = labels.length;
        Matrix x = Mat5.newMatrix(new int[] {32, 32, 3, n}, MatlabType.UInt8);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                for (int w = 0; w < 32; w++) {
                    for (int h = 0; h < 32; h++) {
                        x.setByte(new int[] {h, w, c, i}, value(h, w, c, i));
                    }
                }
            }
        }
        Matrix y = Mat5.newMatrix(n, 1);
        for (int i = 0; i < n; i++) {
            y.setDouble(i, labels[i]);
        }
        MatFile mat = Mat5.newMatFile().addArray("X", x).addArray("y", y);
        Mat5.writeToFile(mat, file.toFile());
        return file;
    }

    @Test
    void writingAndReadingBackGivesTheSameImagesAndLabels() throws IOException {
        byte[] pixels = new byte[3 * 3072];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31 + i / 7);
        }
        ImageSet original = new ImageSet("digits", 3, 32, 32, pixels, new int[] {0, 5, 9}, SvhnMat.CLASSES);
        Path file = tmp.resolve("written_32x32.mat");
        SvhnMat.write(original, file);
        ImageSet read = SvhnMat.read(file);
        assertEquals(3, read.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(original.label(i), read.label(i), "label of image " + i);
            assertTrue(java.util.Arrays.equals(original.image(i), read.image(i)), "pixels of image " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> SvhnMat.write(
                new ImageSet("grey", 1, 32, 32, new byte[1024], new int[] {1}, SvhnMat.CLASSES), tmp.resolve("grey.mat")));
    }

    @Test
    void readsPixelsInChannelRowColumnOrderAndMapsLabelTenToZero() throws IOException {
        ImageSet set = SvhnMat.read(writeSvhn(tmp.resolve("test_32x32.mat"), new int[] {10, 1, 9}));
        assertEquals(3, set.size());
        assertEquals(3, set.channels());
        assertEquals(32, set.height());
        assertEquals(0, set.label(0), "SVHN's 10 is the digit 0");
        assertEquals(1, set.label(1));
        assertEquals(9, set.label(2));
        for (int[] p : new int[][] {{0, 0, 0, 0}, {5, 17, 1, 2}, {31, 2, 2, 1}}) {
            int h = p[0], w = p[1], c = p[2], i = p[3];
            assertEquals(value(h, w, c, i) & 0xff, set.pixel(i, c * 1024 + h * 32 + w), "pixel " + java.util.Arrays.toString(p));
        }
    }

    @Test
    void aFileWithoutXIsNotSvhn() throws IOException {
        Path file = tmp.resolve("other.mat");
        Mat5.writeToFile(Mat5.newMatFile().addArray("z", Mat5.newScalar(1)), file.toFile());
        IOException error = assertThrows(IOException.class, () -> SvhnMat.read(file));
        assertTrue(error.getMessage().contains("has no matrix 'X'"), error.getMessage());
    }

    @Test
    void imagesOfTheWrongSizeAreRefused() throws IOException {
        Path file = tmp.resolve("wrong.mat");
        Mat5.writeToFile(Mat5.newMatFile().addArray("X", Mat5.newMatrix(new int[] {28, 28, 3, 1}, MatlabType.UInt8))
                .addArray("y", Mat5.newScalar(1)), file.toFile());
        IOException error = assertThrows(IOException.class, () -> SvhnMat.read(file));
        assertTrue(error.getMessage().contains("X is [28, 28, 3, 1], SVHN's is [32, 32, 3, N]"), error.getMessage());
    }

    @Test
    void aDamagedFileSaysSo() throws IOException {
        Path file = tmp.resolve("train_32x32.mat");
        java.nio.file.Files.write(file, new byte[] {1, 2, 3, 4, 5});
        IOException error = assertThrows(IOException.class, () -> SvhnMat.read(file));
        assertTrue(error.getMessage().contains("train_32x32.mat"), error.getMessage());
    }
}
