package org.vaelab.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads CIFAR-10's binary version: records of 3,073 bytes (a label 0..9, then 1,024 red, 1,024
 * green and 1,024 blue bytes of a 32×32 image), five training batches and one test batch, either
 * from the publisher's {@code cifar-10-binary.tar.gz} directly or from its unpacked
 * {@code cifar-10-batches-bin/} folder.
 */
public final class Cifar10 {
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");
    static final int RECORD = 1 + 3 * 32 * 32;

    private Cifar10() {
    }

    static List<String> batchNames(Split split) {
        return split == Split.TRAIN
                ? List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin")
                : List.of("test_batch.bin");
    }

    /** The split from an unpacked folder of .bin batches. */
    public static ImageSet readFolder(Path folder, Split split) throws IOException {
        List<byte[]> batches = new ArrayList<>();
        for (String name : batchNames(split)) {
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + " is missing: the CIFAR-10 folder needs " + batchNames(split));
            }
            batches.add(checkedBatch(file.toString(), Files.readAllBytes(file)));
        }
        return decode(batches);
    }

    /** The split read straight out of the publisher's tar.gz. */
    public static ImageSet readArchive(Path archive, Split split) throws IOException {
        List<String> wanted = batchNames(split);
        byte[][] found = new byte[wanted.size()][];
        try (InputStream in = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(archive), 1 << 16))) {
            TarArchiveInputStream tar = (TarArchiveInputStream) in;
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = Path.of(entry.getName()).getFileName().toString();
                int index = wanted.indexOf(name);
                if (index >= 0) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) entry.getSize());
                    tar.transferTo(bytes);
                    found[index] = checkedBatch(archive + "!" + entry.getName(), bytes.toByteArray());
                }
            }
        } catch (java.io.EOFException e) {
            throw new IOException(archive + " ends early: it is truncated; delete it and fetch it again", e);
        }
        List<byte[]> batches = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            if (found[i] == null) {
                throw new IOException(archive + " has no " + wanted.get(i) + ": it is not the CIFAR-10 binary archive");
            }
            batches.add(found[i]);
        }
        return decode(batches);
    }

    private static byte[] checkedBatch(String where, byte[] bytes) throws IOException {
        if (bytes.length == 0 || bytes.length % RECORD != 0) {
            throw new IOException(where + " has " + bytes.length + " bytes, not a whole number of " + RECORD
                    + "-byte CIFAR-10 records: the file is damaged or not CIFAR-10");
        }
        return bytes;
    }

    private static ImageSet decode(List<byte[]> batches) throws IOException {
        int n = 0;
        for (byte[] batch : batches) {
            n += batch.length / RECORD;
        }
        byte[] pixels = new byte[n * (RECORD - 1)];
        int[] labels = new int[n];
        int i = 0;
        for (byte[] batch : batches) {
            for (int offset = 0; offset < batch.length; offset += RECORD, i++) {
                labels[i] = batch[offset] & 0xff;
                if (labels[i] > 9) {
                    throw new IOException("CIFAR-10 record " + i + " has label " + labels[i] + ", outside 0..9");
                }
                System.arraycopy(batch, offset + 1, pixels, i * (RECORD - 1), RECORD - 1);
            }
        }
        return new ImageSet("CIFAR-10", 3, 32, 32, pixels, labels, CLASSES);
    }
}
