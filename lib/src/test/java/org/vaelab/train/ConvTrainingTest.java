package org.vaelab.train;

import ai.djl.Device;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vaelab.Data;
import org.vaelab.data.Batches;
import org.vaelab.data.ImageSet;
import org.vaelab.data.PairedViews;
import org.vaelab.data.Split;
import org.vaelab.data.StreetDigits;
import org.vaelab.model.Trainable;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;
import org.vaelab.model.multiview.MultiViewConfig;
import org.vaelab.model.multiview.MultiViewVae;
import org.vaelab.model.multiview.Posterior;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/**
 * Lab 06's four convolutional two-view models and the benchmark's conv VAE train for a few batches of 128 on real
 * MNIST and synthetic street digits, on several seeds, without the loss leaving the finite numbers: on a processor
 * whose vectorised convolutions are faulty, the loss was NaN by the second batch (docs/ENGINES.md).
 */
@Tag("engines")
class ConvTrainingTest {
    private static final int BATCHES = 3;
    private static final int BATCH = 128;
    private static PairedViews pairs;
    private static ImageSet street;

    @BeforeAll
    static void load() throws Exception {
        street = StreetDigits.generate(BATCHES * BATCH, 9);
        pairs = PairedViews.byLabel(Data.mnist(Split.TRAIN).head(BATCHES * BATCH), street, 1, 9);
    }

    static Stream<Arguments> labSixModels() {
        List<Arguments> cases = new ArrayList<>();
        for (Posterior posterior : List.of(Posterior.PRODUCT, Posterior.MIXTURE, Posterior.MIXTURE_OF_PRODUCTS,
                Posterior.MIXTURE_WITH_PRIVATE_LATENTS)) {
            for (long seed : new long[] {1, 42}) {
                cases.add(Arguments.of(posterior, seed));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("labSixModels")
    void labSixsModelTrainsWithAFiniteLoss(Posterior posterior, long seed) {
        MultiViewConfig config = MultiViewConfig.of(VaeConfig.conv(1, 28, 28, 256, 20), VaeConfig.conv(3, 32, 32, 256, 20).gaussian(),
                posterior);
        trains(MultiViewVae.create(config, seed, Device.cpu()), seed,
                (epoch, manager) -> Batches.of(pairs, BATCH, seed, epoch, false, manager));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theBenchmarksConvVaeTrainsWithAFiniteLoss(long seed) {
        trains(Vae.create(VaeConfig.conv(3, 32, 32, 256, 20).gaussian(), seed, Device.cpu()), seed,
                (epoch, manager) -> Batches.of(street, BATCH, seed, epoch, false, manager));
    }

    static Stream<Long> seeds() {
        return Stream.of(1L, 42L);
    }

    private static void trains(Trainable model, long seed, TrainingLoop.EpochBatches batches) {
        try (model) {
            Trainer trainer = new Trainer(Device.cpu(), Path.of("unused"), (name, epochs, n) -> Progress.printing());
            // TrainingStoppedException names the model, the term and the weights that went non-finite.
            assertDoesNotThrow(() -> trainer.train(model, batches, 1, BATCHES, BATCH, 1e-3f, seed));
        }
    }
}
