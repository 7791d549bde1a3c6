package org.vaelab.model;

/**
 * Everything that defines a VAE's networks and loss, as one value: two equal configs build the
 * same model, and the checkpoint cache keys trained weights by it.
 *
 * @param channels   image channels (1 grey, 3 RGB)
 * @param height     image height
 * @param width      image width
 * @param hidden     hidden units of the MLP layer (or of the dense layer after the convolutions)
 * @param latent     dimensions of z
 * @param activation the non-linearity of the hidden layers
 * @param likelihood the decoder's distribution
 * @param network    MLP (one hidden layer, as in Kingma and Welling) or convolutional
 * @param objective  what is minimised beside the reconstruction: the ELBO's KL (weighted by β) or InfoVAE's
 */
public record VaeConfig(int channels, int height, int width, int hidden, int latent, Activation activation,
                        Likelihood likelihood, Network network, Objective objective) {
    public enum Activation { TANH, RELU }

    public enum Network { MLP, CONV }

    public VaeConfig {
        if (channels < 1 || height < 1 || width < 1 || hidden < 1 || latent < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + channels + "x" + height + "x" + width
                    + ", hidden " + hidden + ", latent " + latent);
        }
        if (network == Network.CONV && (height % 4 != 0 || width % 4 != 0)) {
            throw new IllegalArgumentException("the convolutional networks halve the image twice; " + height + "x" + width
                    + " is not divisible by 4");
        }
        if (objective == null) {
            throw new IllegalArgumentException("a VAE needs an objective, e.g. new Elbo(1)");
        }
    }

    /** The Kingma–Welling MLP VAE for 28×28 grey images: 784 → hidden → latent, tanh, Bernoulli. */
    public static VaeConfig mlp(int hidden, int latent) {
        return new VaeConfig(1, 28, 28, hidden, latent, Activation.TANH, Likelihood.BERNOULLI, Network.MLP, new Elbo(1f));
    }

    /** A convolutional VAE for images of the given shape, ReLU, Bernoulli. */
    public static VaeConfig conv(int channels, int height, int width, int hidden, int latent) {
        return new VaeConfig(channels, height, width, hidden, latent, Activation.RELU, Likelihood.BERNOULLI, Network.CONV, new Elbo(1f));
    }

    public VaeConfig relu() {
        return new VaeConfig(channels, height, width, hidden, latent, Activation.RELU, likelihood, network, objective);
    }

    public VaeConfig tanh() {
        return new VaeConfig(channels, height, width, hidden, latent, Activation.TANH, likelihood, network, objective);
    }

    public VaeConfig bernoulli() {
        return new VaeConfig(channels, height, width, hidden, latent, activation, Likelihood.BERNOULLI, network, objective);
    }

    /** The decoder as a Laplace distribution around its sigmoid (MMVAE's likelihood). */
    public VaeConfig laplace() {
        return new VaeConfig(channels, height, width, hidden, latent, activation, Likelihood.LAPLACE, network, objective);
    }

    public VaeConfig gaussian() {
        return new VaeConfig(channels, height, width, hidden, latent, activation, Likelihood.GAUSSIAN, network, objective);
    }

    /** The decoder as a Gaussian whose σ is fitted to each image's error (σ-VAE's optimal σ). */
    public VaeConfig gaussianOptimalSigma() {
        return new VaeConfig(channels, height, width, hidden, latent, activation, Likelihood.GAUSSIAN_OPTIMAL_SIGMA, network, objective);
    }

    public VaeConfig withLatent(int newLatent) {
        return new VaeConfig(channels, height, width, hidden, newLatent, activation, likelihood, network, objective);
    }

    /** The β-VAE: the KL term weighted by β. */
    public VaeConfig withBeta(float beta) {
        return withObjective(new Elbo(beta));
    }

    /** InfoVAE: (1−α)·KL + (α+λ−1)·MMD(q(z), p(z)) with the given kernel and bandwidth. */
    public VaeConfig infoVae(float alpha, float lambda, org.vaelab.loss.Losses.MmdKernel kernel, float bandwidth) {
        return withObjective(new InfoVae(alpha, lambda, kernel, bandwidth));
    }

    public VaeConfig withObjective(Objective newObjective) {
        return new VaeConfig(channels, height, width, hidden, latent, activation, likelihood, network, newObjective);
    }

    /** Values per image. */
    public int inputSize() {
        return channels * height * width;
    }

    /** Everything that determines the networks and the loss, for cache keys (every field, by name). */
    public String key() {
        return "vae(channels=" + channels + ",height=" + height + ",width=" + width + ",hidden=" + hidden + ",latent=" + latent
                + ",activation=" + activation + ",likelihood=" + likelihood + ",network=" + network + ",objective=" + objective.key() + ")";
    }

    /** A short name for tables and file names, e.g. {@code mlp-784-400-20-tanh-bernoulli}. */
    public String shortName() {
        return network.name().toLowerCase() + "-" + inputSize() + "-" + hidden + "-" + latent + "-"
                + activation.name().toLowerCase() + "-" + likelihood.name().toLowerCase() + objective.tag();
    }
}
