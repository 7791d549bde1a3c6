package org.vaelab.eval;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaelab.Data;
import org.vaelab.Lab;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;
import org.vaelab.train.ElboEstimate;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bits per dimension of a Gaussian decoder on real CIFAR-10 images, against the ELBO's terms computed apart. */
@Tag("engines")
class BitsPerDimensionTest {
    private static final int D = 3072;

    /**
     * Under σ = 1 the evaluation's reconstruction is ½ Σ‖x − μ‖² + D/2 log 2π per image, on the same z samples (same seed):
     * from it, σ² = Σ‖x − μ‖² / (n D) on the training images, and the test bound is Σ‖x − μ‖² / (2σ²) + D/2 log 2πσ² + KL.
     */
    @Test
    void theBoundIsTheElbosSquaredErrorUnderTheFittedSigmaInBitsOfTheImagesLevels() throws IOException {
        ImageSet train = Data.cifar10(Split.TRAIN).head(600);
        ImageSet test = Data.cifar10(Split.TEST).head(400);
        try (Vae vae = Vae.create(VaeConfig.conv(3, 32, 32, 64, 8).gaussian(), 3, Lab.device())) {
            BitsPerDimension bits = BitsPerDimension.of(vae, train, test, 11);
            double halfLog2Pi = 0.5 * D * Math.log(2 * Math.PI);
            ElboEstimate onTrain = ElboEstimate.of(vae, train, 11);
            ElboEstimate onTest = ElboEstimate.of(vae, test, 12);
            double variance = 2 * (onTrain.reconstruction() - halfLog2Pi) / D;
            double nats = 2 * (onTest.reconstruction() - halfLog2Pi) / (2 * variance) + 0.5 * D * Math.log(2 * Math.PI * variance)
                    + onTest.kl();
            assertEquals(Math.sqrt(variance), bits.sigma(), 1e-4 * bits.sigma());
            assertEquals(nats, bits.nats(), 1e-4 * Math.abs(nats));
            assertEquals((nats + D * Math.log(256)) / (D * Math.log(2)), bits.bitsPerDimension(), 1e-4);
        }
    }

    /** σ fitted on the very images it is judged on is their maximum-likelihood σ: never a looser bound than σ = 1. */
    @Test
    void aSigmaFittedToTheImagesNeverLoosensTheBoundOfSigmaOne() throws IOException {
        ImageSet images = Data.cifar10(Split.TEST).head(300);
        try (Vae vae = Vae.create(VaeConfig.conv(3, 32, 32, 64, 8).gaussian(), 5, Lab.device())) {
            BitsPerDimension bits = BitsPerDimension.of(vae, images, images, 20);
            BitsPerDimension same = BitsPerDimension.of(vae, images, images, 20);
            assertEquals(bits.nats(), same.nats(), 0, "the same seed gives the same figure");
            double unitSigma = ElboEstimate.of(vae, images, 21).loss();
            assertTrue(bits.nats() < unitSigma, bits.nats() + " nats with σ = " + bits.sigma() + " against " + unitSigma + " with σ = 1");
            assertTrue(bits.sigma() < 1, "pixels in [0, 1] miss by less than 1: σ = " + bits.sigma());
        }
    }

    @Test
    void aBernoulliDecoderIsRefusedByName() throws IOException {
        try (Vae vae = Vae.create(VaeConfig.mlp(16, 2), 1, Lab.device())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BitsPerDimension.of(vae, Data.mnist(Split.TEST).head(10), Data.mnist(Split.TEST).head(10), 1));
            assertTrue(e.getMessage().contains("Gaussian") && e.getMessage().contains(vae.name()), e.getMessage());
        }
    }
}
