package org.vaelab.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CIFAR-10 batches written here in the binary version's record layout, packed as the publisher packs them. */
class Cifar10Test {
    @TempDir
    Path tmp;

    /** A batch of records whose label is (first + r) % 10 and whose pixel j is (r + j) mod 256. */
    static byte[] batch(int records, int first) {
        byte[] bytes = new byte[records * Cifar10.RECORD];
        for (int r = 0; r < records; r++) {
            bytes[r * Cifar10.RECORD] = (byte) ((first + r) % 10);
            for (int j = 0; j < 3072; j++) {
                bytes[r * Cifar10.RECORD + 1 + j] = (byte) (r + j);
            }
        }
        return bytes;
    }

    static Path writeArchive(Path file) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(raw))) {
            for (String name : new String[] {"batches.meta.txt", "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                    "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"}) {
                byte[] content = name.endsWith(".txt") ? "airplane\n".getBytes() : batch(name.startsWith("test") ? 3 : 2, name.length());
                TarArchiveEntry entry = new TarArchiveEntry("cifar-10-batches-bin/" + name);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    @Test
    void readsTheSplitsStraightFromTheArchive() throws IOException {
        Path archive = writeArchive(tmp.resolve("cifar-10-binary.tar.gz"));
        ImageSet train = Cifar10.readArchive(archive, Split.TRAIN);
        ImageSet test = Cifar10.readArchive(archive, Split.TEST);
        assertEquals(10, train.size(), "five training batches of two records");
        assertEquals(3, test.size());
        assertEquals(3, train.channels());
        assertEquals("test_batch.bin".length() % 10, test.label(0));
        assertEquals((1 + 1024) & 0xff, test.pixel(1, 1024), "record 1, first green byte");
    }

    @Test
    void readsAnUnpackedFolderTheSame() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("cifar-10-batches-bin"));
        Files.write(folder.resolve("test_batch.bin"), batch(4, 0));
        ImageSet test = Cifar10.readFolder(folder, Split.TEST);
        assertEquals(4, test.size());
        assertEquals(3, test.label(3));
        IOException missing = assertThrows(IOException.class, () -> Cifar10.readFolder(folder, Split.TRAIN));
        assertTrue(missing.getMessage().contains("data_batch_1.bin is missing"), missing.getMessage());
    }

    @Test
    void aBatchThatIsNotWholeRecordsIsRefused() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("bad"));
        Files.write(folder.resolve("test_batch.bin"), new byte[Cifar10.RECORD + 5]);
        IOException error = assertThrows(IOException.class, () -> Cifar10.readFolder(folder, Split.TEST));
        assertTrue(error.getMessage().contains("not a whole number of 3073-byte CIFAR-10 records"), error.getMessage());
    }
}
