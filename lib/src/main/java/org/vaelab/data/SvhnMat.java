package org.vaelab.data;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads SVHN's cropped digits (format 2): a MATLAB v5 file with {@code X}, 32×32×3×N uint8 in
 * MATLAB's column-major order (height, width, channel, image), and {@code y}, N×1 labels 1..10
 * where 10 stands for the digit 0.
 */
public final class SvhnMat {
    public static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private SvhnMat() {
    }

    public static ImageSet read(Path file) throws IOException {
        Mat5File mat;
        try {
            mat = Mat5.readFromFile(file.toFile());
        } catch (RuntimeException | IOException e) {
            throw new IOException(file + " is not a readable MATLAB v5 file (" + e.getMessage()
                    + "); delete it and fetch it again", e);
        }
        try (mat) {
            Matrix x = matrix(mat, file, "X");
            Matrix y = matrix(mat, file, "y");
            int[] dims = x.getDimensions();
            if (dims.length != 4 || dims[0] != 32 || dims[1] != 32 || dims[2] != 3) {
                throw new IOException(file + ": X is " + Arrays.toString(dims) + ", SVHN's is [32, 32, 3, N]");
            }
            int n = dims[3];
            if (y.getNumElements() != n) {
                throw new IOException(file + " holds " + n + " images but " + y.getNumElements() + " labels");
            }
            byte[] pixels = new byte[n * 3072];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 3; c++) {
                    for (int h = 0; h < 32; h++) {
                        for (int w = 0; w < 32; w++) {
                            pixels[i * 3072 + c * 1024 + h * 32 + w] = x.getByte(h + 32 * w + 1024 * c + 3072 * i);
                        }
                    }
                }
            }
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                int label = (int) y.getDouble(i);
                if (label < 1 || label > 10) {
                    throw new IOException(file + ": label " + label + " of image " + i + " is outside SVHN's 1..10");
                }
                labels[i] = label % 10;
            }
            return new ImageSet("SVHN", 3, 32, 32, pixels, labels, CLASSES);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(file + " could not be read as SVHN (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes a 3×32×32 image set in SVHN's format (the inverse of {@link #read}): for converting
     * one's own digits, and for the SVHN-format files the tests write where SVHN cannot be fetched.
     */
    public static void write(ImageSet set, Path file) throws IOException {
        if (set.channels() != 3 || set.height() != 32 || set.width() != 32) {
            throw new IllegalArgumentException(set.name() + " images are " + set.channels() + "x" + set.height() + "x"
                    + set.width() + "; SVHN's are 3x32x32");
        }
        int n = set.size();
        Matrix x = Mat5.newMatrix(new int[] {32, 32, 3, n}, MatlabType.UInt8);
        Matrix y = Mat5.newMatrix(n, 1);
        for (int i = 0; i < n; i++) {
            byte[] image = set.image(i);
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 32; h++) {
                    for (int w = 0; w < 32; w++) {
                        x.setByte(h + 32 * w + 1024 * c + 3072 * i, image[c * 1024 + h * 32 + w]);
                    }
                }
            }
            int label = set.label(i);
            y.setDouble(i, label == 0 ? 10 : label);
        }
        Mat5.writeToFile(Mat5.newMatFile().addArray("X", x).addArray("y", y), file.toFile());
    }

    private static Matrix matrix(Mat5File mat, Path file, String name) throws IOException {
        try {
            return mat.getMatrix(name);
        } catch (RuntimeException e) {
            throw new IOException(file + " has no matrix '" + name + "': it is not an SVHN cropped-digits file", e);
        }
    }
}
