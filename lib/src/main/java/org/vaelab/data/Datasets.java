package org.vaelab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The files of every dataset the labs use, with their published checksums. */
public final class Datasets {
    private static final String MNIST_URL = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    private static final String FASHION_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    public static final List<DatasetFile> MNIST = List.of(
            new DatasetFile("MNIST", "mnist", "train-images-idx3-ubyte.gz", MNIST_URL + "train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873", 9912422),
            new DatasetFile("MNIST", "mnist", "train-labels-idx1-ubyte.gz", MNIST_URL + "train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432", 28881),
            new DatasetFile("MNIST", "mnist", "t10k-images-idx3-ubyte.gz", MNIST_URL + "t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3", 1648877),
            new DatasetFile("MNIST", "mnist", "t10k-labels-idx1-ubyte.gz", MNIST_URL + "t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c", 4542));

    public static final List<DatasetFile> FASHION_MNIST = List.of(
            new DatasetFile("Fashion-MNIST", "fashion-mnist", "train-images-idx3-ubyte.gz", FASHION_URL + "train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d", 26421880),
            new DatasetFile("Fashion-MNIST", "fashion-mnist", "train-labels-idx1-ubyte.gz", FASHION_URL + "train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe", 29515),
            new DatasetFile("Fashion-MNIST", "fashion-mnist", "t10k-images-idx3-ubyte.gz", FASHION_URL + "t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79", 4422102),
            new DatasetFile("Fashion-MNIST", "fashion-mnist", "t10k-labels-idx1-ubyte.gz", FASHION_URL + "t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310", 5148));

    public static final List<DatasetFile> SVHN = List.of(
            new DatasetFile("SVHN", "svhn", "train_32x32.mat", "http://ufldl.stanford.edu/housenumbers/train_32x32.mat", "e26dedcc434d2e4c54c9b2d4a06d8373", 182040794),
            new DatasetFile("SVHN", "svhn", "test_32x32.mat", "http://ufldl.stanford.edu/housenumbers/test_32x32.mat", "eb5a983be6a315427106f1b164d9cef3", 64275384));

    public static final List<DatasetFile> CIFAR_10 = List.of(
            new DatasetFile("CIFAR-10", "cifar-10", "cifar-10-binary.tar.gz", "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530", 170052171));

    /**
     * The six batches of CIFAR-10's binary version as its archive unpacks them into
     * {@code cifar-10-batches-bin/}, with the published MD5s of the files inside the archive.
     * They come only inside the archive, so their URL is the archive's.
     */
    public static final List<DatasetFile> CIFAR_10_BATCHES = List.of(
            cifarBatch("data_batch_1.bin", "5dd7e06a14cb22eb9f671a540d1b7c25"),
            cifarBatch("data_batch_2.bin", "5ea93a67294ea407fff1d09f752e9692"),
            cifarBatch("data_batch_3.bin", "942cd6a4bcdd0dd3c604fbe906cb4421"),
            cifarBatch("data_batch_4.bin", "ae636b3ba5c66a11e91e8cb52e771fcb"),
            cifarBatch("data_batch_5.bin", "53f37980c15c3d472c316c40844f3f0d"),
            cifarBatch("test_batch.bin", "803d5f7f4d78ea53de84dbe85f74fb6d"));

    public static final List<List<DatasetFile>> ALL = List.of(MNIST, FASHION_MNIST, SVHN, CIFAR_10);

    private static DatasetFile cifarBatch(String name, String md5) {
        return new DatasetFile("CIFAR-10", "cifar-10/cifar-10-batches-bin", name, CIFAR_10.get(0).url(), md5, 30_730_000);
    }

    private Datasets() {
    }

    /** Present, missing, or present with the wrong size or checksum. */
    public enum Status { OK, MISSING, CORRUPT }

    public static Status check(Path dataDir, DatasetFile file) {
        Path path = dataDir.resolve(file.relativePath());
        try {
            if (!Files.isRegularFile(path)) {
                return Status.MISSING;
            }
            if (Files.size(path) != file.bytes() || !md5(path).equals(file.md5())) {
                return Status.CORRUPT;
            }
            return Status.OK;
        } catch (IOException e) {
            return Status.CORRUPT;
        }
    }

    public static String md5(Path path) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), MessageDigest.getInstance("MD5"))) {
            MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
    }
}
