package org.vaelab.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.Data;
import org.vaelab.Trainers;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;
import org.vaelab.sample.Noise;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Training's noise: each epoch draws its own, from the run's seed and the epoch, whatever happens between epochs. Runs on each engine. */
@Tag("engines")
class TrainingNoiseTest {
    private static ImageSet train;
    private static ImageSet test;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        train = Data.mnist(Split.TRAIN).head(1024);
        test = Data.mnist(Split.TEST).head(200);
    }

    /**
     * One image, 64 times, in one batch, and a learning rate far too small to move a weight: the
     * epochs see the same weights and the same batch, so their training losses differ only by the
     * ε of the reparameterisation each epoch draws.
     */
    @Test
    void epochsTwoAndThreeDrawDifferentNoise() throws IOException {
        int[] sameImage = new int[64];
        ImageSet one = train.subset(sameImage);
        TrainSettings still = new TrainSettings(3, 64, 1e-30f, 7, false, 0, false);
        try (Trained<Vae> run = Trainers.in(tmp).fit(VaeConfig.mlp(32, 4), one, test, still)) {
            double[] losses = run.history().table().doubleColumn("train_loss").asDoubleArray();
            assertEquals(3, losses.length);
            assertNotEquals(losses[1], losses[2], "epochs 2 and 3 drew the same ε: " + Arrays.toString(losses));
            assertNotEquals(losses[0], losses[1], "epochs 1 and 2 drew the same ε: " + Arrays.toString(losses));
        }
    }

    @Test
    void aRunStoppedAfterEpochOneAndResumedEndsWithTheWeightsOfTheUninterruptedRun() throws IOException {
        TrainSettings settings = TrainSettings.adam(3, 5).withBatchesPerEpoch(4).withCosineDecay();
        VaeConfig config = VaeConfig.mlp(64, 5);
        IllegalStateException stop = assertThrows(IllegalStateException.class,
                () -> Trainers.in(tmp.resolve("stopped")).fit(config, train, test, settings, epoch -> {
                    throw new IllegalStateException("stopped after epoch " + epoch);
                }));
        assertEquals("stopped after epoch 1", stop.getMessage());
        // Whatever runs between the stop and the resumption (another notebook cell, a fresh JVM) draws noise too.
        Noise.seedEngine(999);
        try (NDManager elsewhere = NDManager.newBaseManager()) {
            elsewhere.randomNormal(new Shape(1000)).sum().getFloat();
        }
        try (Trained<Vae> resumed = Trainers.in(tmp.resolve("stopped")).fit(config, train, test, settings);
             Trained<Vae> whole = Trainers.in(tmp.resolve("whole")).fit(config, train, test, settings)) {
            assertFalse(resumed.fromCache());
            assertFalse(whole.fromCache());
            List<Parameter> a = resumed.model().trainedBlock().getParameters().values();
            List<Parameter> b = whole.model().trainedBlock().getParameters().values();
            assertEquals(b.size(), a.size());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(b.get(i).getArray().toFloatArray(), a.get(i).getArray().toFloatArray(), 0f, a.get(i).getName());
            }
            assertArrayEquals(whole.history().table().doubleColumn("test_loss").asDoubleArray(),
                    resumed.history().table().doubleColumn("test_loss").asDoubleArray(), 0);
        }
    }
}
