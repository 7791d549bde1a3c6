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

    /** CIFAR-10, 32×32 RGB. */
    public static ImageSet cifar10(Split split) throws IOException {
        return folder().cifar10(split);
    }

    /** A folder with one subfolder of images per class, resized to size × size, grey or RGB. */
    public static ImageSet imageFolder(Path root, int size, boolean grey) throws IOException {
        return DataFolder.imageFolder(root, size, grey);
    }
}
