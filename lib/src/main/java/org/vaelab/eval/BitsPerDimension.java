package org.vaelab.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.vaelab.data.Batch;
import org.vaelab.data.Batches;
import org.vaelab.data.ImageSet;
import org.vaelab.loss.Losses;
import org.vaelab.model.Likelihood;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeOutput;
import org.vaelab.nn.RowSums;
import org.vaelab.sample.Noise;

/**
 * Bits per dimension, the unit of the image-density literature (CIFAR-10's PixelCNN++ 2.92, a uniform guess 8),
 * for a VAE with a Gaussian decoder: an upper bound from the ELBO, with the decoder's σ set to one value for every
 * pixel, the maximum-likelihood σ of its error on the training images (a proper density, unlike a σ fitted to
 * each test image):
 * <pre>
 *   σ² = mean over training images and values of (x − μ_θ(z))²,   z ~ q_φ(z|x)
 *   −log p(x) ≤ ‖x − μ_θ(z)‖² / (2σ²) + D/2 · log(2πσ²) + KL(q_φ(z|x) ‖ p(z))
 *   bits/dim = (−log p(x) + D log 256) / (D log 2)
 * </pre>
 * The D log 256 turns the density of pixels scaled to [0, 1] into the probability of their 256 levels (uniform
 * dequantisation), as the literature counts it.
 *
 * @param bitsPerDimension the bound on the test images, averaged per image then per value
 * @param sigma            the decoder's σ, fitted on the training images
 * @param nats             the bound −log p(x) per test image, in nats
 */
public record BitsPerDimension(double bitsPerDimension, double sigma, double nats) {
    /** A uniform guess over 256 levels: the chance level of bits per dimension. */
    public static final double UNIFORM = 8;

    /**
     * @param train images that fit σ (one z sample each, from {@code seed})
     * @param test  images that the bound is averaged over (one z sample each, from {@code seed} + 1)
     */
    public static BitsPerDimension of(Vae vae, ImageSet train, ImageSet test, long seed) {
        Likelihood likelihood = vae.config().likelihood();
        if (likelihood != Likelihood.GAUSSIAN && likelihood != Likelihood.GAUSSIAN_OPTIMAL_SIGMA) {
            throw new IllegalArgumentException("bits per dimension here are for a Gaussian decoder; " + vae.name() + " has " + likelihood);
        }
        long d = test.imageSize();
        double[] trainSums = sums(vae, train, seed);
        double variance = trainSums[0] / ((double) train.size() * d);
        double[] testSums = sums(vae, test, seed + 1);
        double nats = (testSums[0] / (2 * variance) + testSums[1]) / test.size() + 0.5 * d * Math.log(2 * Math.PI * variance);
        return new BitsPerDimension((nats + d * Math.log(256)) / (d * Math.log(2)), Math.sqrt(variance), nats);
    }

    /** Σ ‖x − μ_θ(z)‖² and Σ KL over {@code set}, one z sample per image. */
    private static double[] sums(Vae vae, ImageSet set, long seed) {
        Noise.seedEngine(seed);
        double squares = 0;
        double kl = 0;
        try (NDManager manager = NDManager.newBaseManager(vae.device())) {
            for (Batch batch : Batches.of(set, 500, seed, 0, false, manager)) {
                try (batch) {
                    NDArray x = batch.x();
                    VaeOutput out = VaeOutput.of(vae.block().forward(new ParameterStore(manager, false), new NDList(x), false));
                    squares += RowSums.of(x.sub(out.decoded()).square()).sum().getFloat();
                    kl += Losses.gaussianKl(out.mu(), out.logVar()).sum().getFloat();
                }
            }
        }
        return new double[] {squares, kl};
    }
}
