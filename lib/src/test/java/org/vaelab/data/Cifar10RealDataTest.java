package org.vaelab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real CIFAR-10 batches of the data folder, verified against their published MD5s before they are read. */
class Cifar10RealDataTest {
    private static final Path DATA = Path.of(System.getProperty("vaelab.data", "data"));

    @TempDir
    Path tmp;

    private static DataFolder folder(Path dir, boolean trusting) {
        return new DataFolder(dir, true, dataset -> trusting && dataset.equals("CIFAR-10"));
    }

    @Test
    void theUnpackedBatchesHoldFiveThousandTrainingAndOneThousandTestImagesPerClass() throws IOException {
        ImageSet train = folder(DATA, false).cifar10(Split.TRAIN);
        ImageSet test = folder(DATA, false).cifar10(Split.TEST);
        assertEquals("CIFAR-10", train.name());
        assertEquals(50_000, train.size());
        assertEquals(10_000, test.size());
        assertEquals(3 * 32 * 32, test.imageSize());
        for (int[] members : train.indicesByClass()) {
            assertEquals(5_000, members.length);
        }
        for (int[] members : test.indicesByClass()) {
            assertEquals(1_000, members.length);
        }
    }

    @Test
    void theFirstLabelsAreThePublishedOnes() throws IOException {
        ImageSet test = folder(DATA, false).cifar10(Split.TEST);
        ImageSet train = folder(DATA, false).cifar10(Split.TRAIN);
        // cat, ship, ship, airplane, frog, frog, automobile, frog, cat, automobile
        assertArrayEquals(new int[] {3, 8, 8, 0, 6, 6, 1, 6, 3, 1}, firstLabels(test));
        // frog, truck, truck, deer, automobile, automobile, bird, horse, ship, cat
        assertArrayEquals(new int[] {6, 9, 9, 4, 1, 1, 2, 7, 8, 3}, firstLabels(train));
        assertEquals("cat", test.classNames().get(test.label(0)));
    }

    private static int[] firstLabels(ImageSet set) {
        int[] labels = new int[10];
        Arrays.setAll(labels, set::label);
        return labels;
    }

    private Path copyOfTestBatch() throws IOException {
        Path batches = Files.createDirectories(tmp.resolve("cifar-10/cifar-10-batches-bin"));
        return Files.copy(DATA.resolve("cifar-10/cifar-10-batches-bin/test_batch.bin"), batches.resolve("test_batch.bin"));
    }

    @Test
    void aCopyWithOneChangedByteIsRejectedWithItsNameAndThePublishedChecksum() throws IOException {
        Path copy = copyOfTestBatch();
        byte[] bytes = Files.readAllBytes(copy);
        bytes[12_345] ^= 1;
        Files.write(copy, bytes);
        DatasetUnavailableException error = assertThrows(DatasetUnavailableException.class, () -> folder(tmp, false).cifar10(Split.TEST));
        assertTrue(error.getMessage().contains(copy.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("803d5f7f4d78ea53de84dbe85f74fb6d"), error.getMessage());
    }

    @Test
    void aTruncatedCopyIsRejectedAndATrustedOneIsNamedAStandIn() throws IOException {
        Path copy = copyOfTestBatch();
        Files.write(copy, Arrays.copyOf(Files.readAllBytes(copy), 100 * Cifar10.RECORD));
        DatasetUnavailableException error = assertThrows(DatasetUnavailableException.class, () -> folder(tmp, false).cifar10(Split.TEST));
        assertTrue(error.getMessage().contains(copy.toString()), error.getMessage());
        ImageSet trusted = folder(tmp, true).cifar10(Split.TEST);
        assertEquals(100, trusted.size());
        assertEquals("CIFAR-10 stand-in", trusted.name(), "a file that is not the published one is never called CIFAR-10");
    }

    @Test
    void aMissingBatchOfAnUnpackedFolderIsNamed() throws IOException {
        copyOfTestBatch();
        DatasetUnavailableException error = assertThrows(DatasetUnavailableException.class, () -> folder(tmp, false).cifar10(Split.TRAIN));
        assertTrue(error.getMessage().contains("data_batch_1.bin is missing"), error.getMessage());
    }
}
