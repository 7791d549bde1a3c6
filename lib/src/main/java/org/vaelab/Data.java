package org.vaelab;

import org.vaelab.data.DataFolder;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The datasets of the labs, from the workbook's data folder ({@link Lab#dataDir()}, {@code VAELAB_DATA}),
 * fetched on first use unless {@code VAELAB_OFFLINE} is set, each file verified against its published checksum.
 */
public final class Data {
    public static final List<String> DIGITS = DataFolder.DIGITS;
    public static final List<String> FASHION_CLASSES = DataFolder.FASHION_CLASSES;

    private Data() {
    }

    /**
     * Fetches where missing, and verifies, the datasets a class image holds (MNIST, Fashion-MNIST, CIFAR-10), both
     * splits, in the data folder the settings give: {@code java -cp 'kernel/*' org.vaelab.Data} ({@code ./lab image}).
     */
    public static void main(String[] args) throws IOException {
        try {
            for (Split split : Split.values()) {
                mnist(split);
                fashionMnist(split);
                cifar10(split);
            }
        } catch (org.vaelab.data.DatasetUnavailableException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("MNIST, Fashion-MNIST and CIFAR-10, both splits, verified in " + Lab.dataDir());
    }

    /** The data folder as the settings give it. */
    public static DataFolder folder() {
        return new DataFolder(Lab.dataDir(), Lab.offline(), Lab::trustsUnverified);
    }

    public static ImageSet mnist(Split split) throws IOException {
        return folder().mnist(split);
    }

    public static ImageSet fashionMnist(Split split) throws IOException {
        return folder().fashionMnist(split);
    }

    /** SVHN cropped digits, 32×32 RGB (stand-in files trusted through {@code VAELAB_TRUST_UNVERIFIED} are named "SVHN stand-in"). */
    public static ImageSet svhn(Split split) throws IOException {
        return folder().svhn(split);
    }

    /** Whether both SVHN files are in the data folder (verified or not). */
    public static boolean svhnPresent() {
        return folder().svhnPresent();
    }

    /**
     * House-number digits, 32×32 RGB: real SVHN where both its files are in the data folder, else
     * the synthetic street digits (not SVHN) at SVHN's sizes, 73,257 train and 26,032 test images,
     * generated from a fixed seed (the same images whatever {@code VAELAB_SEED} is, as SVHN's are).
     * The set's name says which it is; every table and picture takes its name from it.
     */
    public static ImageSet streetDigits(Split split) throws IOException {
        return folder().streetDigits(split);
    }

    /** The synthetic street digits (not SVHN), whether SVHN is here or not: 00-setup shows them beside SVHN. */
    public static ImageSet syntheticStreetDigits(Split split) throws IOException {
        return folder().syntheticStreetDigits(split);
    }

    /** CIFAR-10, 32×32 RGB: the unpacked batches, each checked against its published MD5. */
    public static ImageSet cifar10(Split split) throws IOException {
        return folder().cifar10(split);
    }

    /** A folder with one subfolder of images per class, resized to size × size, grey or RGB. */
    public static ImageSet imageFolder(Path root, int size, boolean grey) throws IOException {
        return DataFolder.imageFolder(root, size, grey);
    }
}
