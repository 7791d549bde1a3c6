package org.vaelab.data;

import org.vaelab.model.multiview.*;
import org.vaelab.train.Trained;
import org.vaelab.Trainers;
import org.vaelab.Data;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Minibatches of real MNIST as engine arrays (MXNet, the default engine). */
class BatchesTest {
    private static ImageSet mnist;

    @BeforeAll
    static void load() throws IOException {
        mnist = Data.mnist(Split.TEST).head(1000);
    }

    @Test
    void batchesCoverTheSetOnceInASeededOrder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Batches batches = Batches.of(mnist, 128, 5, 0, false, manager);
            assertEquals(8, batches.count());
            Set<Integer> seen = new HashSet<>();
            List<Integer> sizes = new ArrayList<>();
            for (Batch batch : batches) {
                try (batch) {
                    sizes.add(batch.size());
                    assertEquals(new Shape(batch.size(), 784), batch.x().getShape());
                    int[] labels = batch.labels().toIntArray();
                    int[] indices = batch.indices();
                    for (int i = 0; i < indices.length; i++) {
                        assertTrue(seen.add(indices[i]), "image " + indices[i] + " twice in one epoch");
                        assertEquals(mnist.label(indices[i]), labels[i]);
                    }
                    float[] x = batch.x().toFloatArray();
                    assertEquals(mnist.pixel(indices[0], 300) / 255f, x[300], 1e-6);
                }
            }
            assertEquals(1000, seen.size());
            assertEquals(1000 - 7 * 128, sizes.get(7), "the last batch keeps the rest");
            assertArrayEquals(batches.order(), Batches.of(mnist, 128, 5, 0, false, manager).order(), "same seed, same order");
            assertFalse(Arrays.equals(batches.order(), Batches.of(mnist, 128, 5, 1, false, manager).order()), "each epoch reshuffles");
        }
    }

    @Test
    void binarisedPixelsAreZeroOrOneWithTheRightMean() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double ones = 0;
            double expected = 0;
            for (Batch batch : Batches.of(mnist, 250, 1, 0, true, manager)) {
                try (batch) {
                    for (float v : batch.x().toFloatArray()) {
                        assertTrue(v == 0f || v == 1f, "binarised value " + v);
                        ones += v;
                    }
                }
            }
            for (int i = 0; i < mnist.size(); i++) {
                for (int j = 0; j < 784; j++) {
                    expected += mnist.pixel(i, j) / 255.0;
                }
            }
            assertEquals(expected / (1000 * 784), ones / (1000 * 784), 0.002, "P(pixel = 1) is its grey level");
        }
    }

    @Test
    void pairedBatchesCarryBothViews() throws IOException {
        ImageSet fashion = Data.fashionMnist(Split.TEST).head(500);
        PairedViews pairs = PairedViews.byLabel(mnist.head(500), fashion, 2, 3);
        try (NDManager manager = NDManager.newBaseManager(); Batch batch = Batches.of(pairs, 64, 3, 0, false, manager).iterator().next()) {
            assertEquals(new Shape(64, 784), batch.x(0).getShape());
            assertEquals(new Shape(64, 784), batch.x(1).getShape());
            int pair = batch.indices()[0];
            assertEquals(fashion.pixel(pairs.secondIndex(pair), 400) / 255f, batch.x(1).toFloatArray()[400], 1e-6);
        }
    }

    @Test
    void closedBatchesLeaveNoArraysBehind() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int epoch = 0; epoch < 5; epoch++) {
                for (Batch batch : Batches.of(mnist, 100, 9, epoch, true, manager)) {
                    try (batch) {
                        NDArray sum = batch.x().sum();
                        assertTrue(sum.getFloat() > 0);
                    }
                }
            }
            assertEquals(0, manager.getManagedArrays().size(), "every batch freed its arrays");
        }
    }
}
