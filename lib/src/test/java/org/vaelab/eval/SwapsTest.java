package org.vaelab.eval;

import org.vaelab.model.multiview.*;
import org.vaelab.train.Trained;
import org.vaelab.Trainers;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.Lab;
import org.vaelab.Data;
import org.vaelab.data.ImageSet;
import org.vaelab.data.PairedViews;
import org.vaelab.data.Split;
import org.vaelab.judge.Classifier;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;
import org.vaelab.train.TrainSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Swapping encoders and decoders, on real MNIST with a real digit classifier. */
@Tag("engines") // fine-tuning a loaded model trains it: run on both engines
class SwapsTest {
    @TempDir
    static Path tmp;
    private static ImageSet train;
    private static ImageSet test;
    private static Vae vae;
    private static Classifier judge;

    @BeforeAll
    static void trainOnce() throws IOException {
        train = Data.mnist(Split.TRAIN).head(12_000);
        test = Data.mnist(Split.TEST).head(500);
        vae = Trainers.in(tmp).fit(VaeConfig.mlp(200, 8).relu(), train, test, TrainSettings.adam(5, 3)).model();
        judge = Classifier.trainOrLoad(Trainers.in(tmp), Data.mnist(Split.TRAIN).head(6000), Data.mnist(Split.TEST).head(1000), 1, 3);
    }

    @Test
    void aVaeLoadedFromItsCheckpointCanBeFineTuned() throws IOException {
        Vae loaded = Trainers.in(tmp).fit(VaeConfig.mlp(200, 8).relu(), train, test, TrainSettings.adam(5, 3)).model();
        PairedViews pairs = PairedViews.byLabel(train, train, 1, 7);
        Vae tuned = Swaps.fineTuneDecoder(Trainers.in(tmp), loaded, loaded, pairs, 10, 5, 1);
        assertTrue(Swaps.classSurvival(loaded, tuned, test, judge) >= 0);
    }

    /** A notebook kernel runs cells on threads of its own; PyTorch's "no gradients outside a collector" holds per thread. */
    @Test
    void fineTuningWorksOnAThreadOtherThanTheEnginesFirst() throws Exception {
        PairedViews pairs = PairedViews.byLabel(train, train, 1, 7);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread cell = new Thread(() -> {
            try {
                Swaps.fineTuneDecoder(Trainers.in(tmp), vae, vae, pairs, 10, 3, 1).close();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        cell.start();
        cell.join();
        assertNull(failure.get(), () -> "fine-tuning on another thread: " + failure.get());
    }

    @Test
    void aVaeJoinedToItselfKeepsTheClassFarMoreOftenThanChance() {
        double survival = Swaps.classSurvival(vae, vae, test, judge);
        assertTrue(survival > 0.6, "its own reconstructions keep the digit: " + survival);
    }

    @Test
    void fineTuningChangesOnlyTheCopysDecoderAndFitsThePairs() throws IOException {
        // Digits paired with digits of the same class: the decoder learns to draw the partner.
        PairedViews pairs = PairedViews.byLabel(train, train, 1, 7);
        Vae untouched = Swaps.fineTuneDecoder(Trainers.in(tmp), vae, vae, pairs, 0, 50, 1);
        Vae tuned = Swaps.fineTuneDecoder(Trainers.in(tmp), vae, vae, pairs, 100, 50, 1);
        try (NDManager manager = NDManager.newBaseManager(Lab.device())) {
            NDArray z = manager.randomNormal(new Shape(4, 8));
            float[] before = vae.decode(z).toFloatArray();
            assertArrayEquals(before, untouched.decode(z).toFloatArray(), 0f, "N = 0 is the decoder as it was");
            float[] after = tuned.decode(z).toFloatArray();
            double change = 0;
            for (int i = 0; i < after.length; i++) {
                change += Math.abs(after[i] - before[i]);
            }
            assertTrue(change / after.length > 1e-3, "50 steps moved the copy's decoder: " + change / after.length);
            assertArrayEquals(before, vae.decode(z).toFloatArray(), 0f, "the original decoder is left as it was");
        }
        assertEquals(Swaps.classSurvival(vae, untouched, test, judge), Swaps.classSurvival(vae, vae, test, judge), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Swaps.fineTuneDecoder(Trainers.in(tmp), vae, vae, pairs, pairs.size() + 1, 1, 1));
    }

    @Test
    void aTableOfSwapsHasARowPerSwapAndNumberOfPairsRoundedToThreeDecimals() {
        Swaps.Curve toFashion = new Swaps.Curve(new int[] {0, 10}, new double[] {0.06049, 0.1705}, List.of());
        Swaps.Curve back = new Swaps.Curve(new int[] {0}, new double[] {0.33333}, List.of());
        tech.tablesaw.api.Table table = Swaps.table("class survival", List.of("a → b", "b → a"), List.of(toFashion, back));
        assertEquals(3, table.rowCount());
        assertEquals(List.of("a → b", "a → b", "b → a"), table.stringColumn("swap").asList());
        assertEquals(List.of(0, 10, 0), table.intColumn("pairs N").asList());
        assertEquals(List.of(0.06, 0.171, 0.333), table.doubleColumn("class survives").asList());
        assertEquals(List.of(0.06, 0.171), toFashion.table("t", "MNIST → Fashion").doubleColumn(1).asList());
    }
}
