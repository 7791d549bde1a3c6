package org.vaelab.workbook;

import org.vaelab.data.DataFolder;
import org.vaelab.data.Datasets;
import org.vaelab.data.Idx;
import org.vaelab.data.ImageSet;
import org.vaelab.data.SvhnMat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * SVHN-format files for running lab 06 where SVHN cannot be fetched: real MNIST digits (from
 * images the lab's MNIST view does not use first), padded to 32×32 and painted in a random
 * digit and background colour with noise, so that the digit is learnable from either view.
 * Written as {@code svhn/train_32x32.mat} and {@code svhn/test_32x32.mat} in a data folder that
 * also links the real MNIST files; the lab reads them only with {@code VAELAB_TRUST_UNVERIFIED=SVHN}.
 */
final class SvhnStandIn {
    private SvhnStandIn() {
    }

    /** A data folder with the real MNIST files and stand-in SVHN files of {@code trainSize} and {@code testSize} images. */
    static Path dataFolder(Path root, Path realData, int trainSize, int testSize) throws IOException {
        Path mnist = realData.resolve("mnist");
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("mnist"), mnist.toAbsolutePath());
        Files.createSymbolicLink(root.resolve("fashion-mnist"), realData.resolve("fashion-mnist").toAbsolutePath()); // lab 07
        Files.createDirectories(root.resolve("svhn"));
        ImageSet train = Idx.read("MNIST", mnist.resolve(Datasets.MNIST.get(0).name()), mnist.resolve(Datasets.MNIST.get(1).name()),
                28, 28, DataFolder.DIGITS);
        ImageSet test = Idx.read("MNIST", mnist.resolve(Datasets.MNIST.get(2).name()), mnist.resolve(Datasets.MNIST.get(3).name()),
                28, 28, DataFolder.DIGITS);
        SvhnMat.write(paint(train, 30_000, trainSize, 1), root.resolve("svhn/train_32x32.mat"));
        SvhnMat.write(paint(test, 5_000, testSize, 2), root.resolve("svhn/test_32x32.mat"));
        return root;
    }

    private static ImageSet paint(ImageSet digits, int first, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * 3072];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int source = first + i;
            labels[i] = digits.label(source);
            int[] ink = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
            int[] paper = {255 - ink[0], 255 - ink[1], 255 - ink[2]};
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 32; h++) {
                    for (int w = 0; w < 32; w++) {
                        boolean inside = h >= 2 && h < 30 && w >= 2 && w < 30;
                        double alpha = inside ? digits.pixel(source, (h - 2) * 28 + (w - 2)) / 255.0 : 0;
                        double value = alpha * ink[c] + (1 - alpha) * paper[c] + random.nextInt(-20, 21);
                        pixels[i * 3072 + c * 1024 + h * 32 + w] = (byte) Math.max(0, Math.min(255, Math.round(value)));
                    }
                }
            }
        }
        return new ImageSet("SVHN stand-in", 3, 32, 32, pixels, labels, SvhnMat.CLASSES);
    }
}
