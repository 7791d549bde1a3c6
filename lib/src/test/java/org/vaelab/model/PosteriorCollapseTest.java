package org.vaelab.model;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.Trainers;
import org.vaelab.data.ImageSet;
import org.vaelab.data.StreetDigits;
import org.vaelab.eval.LatentCodes;
import org.vaelab.train.TrainSettings;
import org.vaelab.train.Trained;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The street-digit view's posterior collapse, and the fix that labs 06 and 07 rely on, on a slice of synthetic street
 * digits (lab 06's convolutional view, 150 Adam steps of 64 images): under a unit-variance Gaussian the codes keep a
 * few nats of each image; with σ fitted to each image's error (σ-VAE) they keep several times as much, in more
 * dimensions. Should a change bring the collapse back (a likelihood, a weight, a scale), this test fails.
 */
class PosteriorCollapseTest {
    private static final TrainSettings SETTINGS = TrainSettings.adam(2, 42).withBatchSize(64).withBatchesPerEpoch(75);
    private static ImageSet train;
    private static ImageSet test;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void load() {
        train = StreetDigits.generate(6400, 42);
        test = StreetDigits.generate(1000, 43);
    }

    /** Test KL in nats per image, and Burda's active units of 20. */
    private static double[] klAndActiveUnits(VaeConfig config) throws IOException {
        try (Trained<Vae> run = Trainers.in(tmp).fit(config, train, test, SETTINGS)) {
            return new double[] {run.history().last("test_kl"), LatentCodes.activeUnits(LatentCodes.means(run.model(), test))};
        }
    }

    @Test
    void withSigmaFittedTheStreetCodesKeepSeveralTimesTheNatsOfTheUnitGaussianInMostDimensions() throws IOException {
        VaeConfig view = VaeConfig.conv(3, 32, 32, 256, 20);
        double[] collapsed = klAndActiveUnits(view.gaussian());
        double[] fitted = klAndActiveUnits(view.gaussianOptimalSigma());
        String figures = String.format(Locale.ROOT, "σ = 1: KL %.2f nats, %d active units; σ fitted: KL %.2f nats, %d active units",
                collapsed[0], (int) collapsed[1], fitted[0], (int) fitted[1]);
        assertTrue(collapsed[0] < 15, "the unit Gaussian's codes are expected thin: " + figures);
        assertTrue(fitted[0] > 3 * collapsed[0] && fitted[0] > 30, "σ fitted keeps too few nats: " + figures);
        assertTrue(fitted[1] >= 10, "σ fitted keeps too few active units: " + figures);
    }
}
