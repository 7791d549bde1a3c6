package org.vaelab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * The datasets of the labs in one folder, fetched from their publishers on first use (unless
 * offline), each file verified against its pinned checksum.
 */
public final class DataFolder {
    public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private final Path dir;
    private final Downloader downloader;

    /**
     * @param dir              the folder holding {@code mnist/}, {@code fashion-mnist/}, {@code svhn/}, {@code cifar-10/}
     * @param offline          never try the network: a missing file is an error that says where to put it
     * @param trustsUnverified the datasets whose present files are used although their checksum is not the published one
     */
    public DataFolder(Path dir, boolean offline, Predicate<String> trustsUnverified) {
        this.dir = dir;
        this.downloader = new Downloader(offline, trustsUnverified);
    }

    public ImageSet mnist(Split split) throws IOException {
        return idx("MNIST", Datasets.MNIST, split, DIGITS);
    }

    public ImageSet fashionMnist(Split split) throws IOException {
        return idx("Fashion-MNIST", Datasets.FASHION_MNIST, split, FASHION_CLASSES);
    }

    /**
     * SVHN cropped digits, 32×32 RGB, label 0 for the digit 0 (SVHN's own label 10). Files that are
     * not the published ones, used because {@code VAELAB_TRUST_UNVERIFIED} names SVHN, come back
     * named "SVHN stand-in", so that no table or picture passes them off as SVHN.
     */
    public ImageSet svhn(Split split) throws IOException {
        Downloader.Ensured file = downloader.ensureFile(dir, Datasets.SVHN.get(split == Split.TRAIN ? 0 : 1));
        ImageSet set = SvhnMat.read(file.path());
        return file.verified() ? set : set.withName("SVHN stand-in");
    }

    /**
     * Whether both SVHN files are in the data folder (verified or not): labs that only use SVHN where
     * it is present ask this instead of starting a 245 MB download.
     */
    public boolean svhnPresent() {
        return Datasets.SVHN.stream().allMatch(file -> Files.isRegularFile(dir.resolve(file.relativePath())));
    }

    /**
     * The seed of the synthetic street digits: fixed, so that they are one dataset, as SVHN is,
     * whatever seed a notebook trains with.
     */
    public static final long STREET_DIGITS_SEED = 2011;

    /**
     * SVHN where both its files are here, else the synthetic street digits (not SVHN) of SVHN's sizes;
     * the set's name says which. The generated splits are kept for the life of the JVM, so a notebook
     * that asks twice generates once.
     */
    public ImageSet streetDigits(Split split) throws IOException {
        return svhnPresent() ? svhn(split) : syntheticStreetDigits(split);
    }

    /** The synthetic street digits (not SVHN) of SVHN's sizes, from {@link #STREET_DIGITS_SEED}, whether SVHN is here or not. */
    public ImageSet syntheticStreetDigits(Split split) {
        return GENERATED.computeIfAbsent(split, s -> s == Split.TRAIN ? StreetDigits.train(STREET_DIGITS_SEED) : StreetDigits.test(STREET_DIGITS_SEED));
    }

    private static final java.util.Map<Split, ImageSet> GENERATED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * CIFAR-10, 32×32 RGB: from an unpacked {@code cifar-10-batches-bin/} if there is one, each batch
     * first checked against its published MD5; else from the archive, fetched if missing.
     */
    public ImageSet cifar10(Split split) throws IOException {
        Path unpacked = dir.resolve("cifar-10/cifar-10-batches-bin");
        if (!Files.isDirectory(unpacked)) {
            return Cifar10.readArchive(downloader.ensure(dir, Datasets.CIFAR_10.get(0)), split);
        }
        boolean verified = true;
        for (String name : Cifar10.batchNames(split)) {
            DatasetFile batch = Datasets.CIFAR_10_BATCHES.stream().filter(file -> file.name().equals(name)).findFirst().orElseThrow();
            verified &= downloader.present(dir, batch, "The unpacked CIFAR-10 folder needs " + Cifar10.batchNames(split) + ": unpack "
                    + batch.url() + " again, or delete " + unpacked + " to have the archive used instead.").verified();
        }
        ImageSet set = Cifar10.readFolder(unpacked, split);
        return verified ? set : set.withName("CIFAR-10 stand-in");
    }

    /** A folder with one subfolder of images per class, resized to size × size, grey or RGB. */
    public static ImageSet imageFolder(Path root, int size, boolean grey) throws IOException {
        return ImageFolder.read(root, size, grey);
    }

    private ImageSet idx(String name, List<DatasetFile> files, Split split, List<String> classes) throws IOException {
        int first = split == Split.TRAIN ? 0 : 2;
        Path images = downloader.ensure(dir, files.get(first));
        Path labels = downloader.ensure(dir, files.get(first + 1));
        return Idx.read(name, images, labels, 28, 28, classes);
    }
}
