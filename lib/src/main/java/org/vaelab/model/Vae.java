package org.vaelab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.vaelab.data.Batch;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A variational autoencoder: the config, the block with its parameters, and the loss. The forward
 * pass ({@link VaeBlock}) encodes, samples z by the reparameterisation and decodes; {@link #loss} is
 * the model's objective, one term per line:
 * <pre>
 *   reconstruction = −log p_θ(x|z)                    the config's likelihood (Bernoulli from logits, or Gaussian)
 *   total          = objective(reconstruction, q_φ)    the ELBO, β-VAE, InfoVAE or centre loss
 * </pre>
 */
public final class Vae extends BlockModel {
    private final VaeConfig config;
    private final VaeBlock block;

    private Vae(VaeConfig config, VaeBlock block, Device device) {
        super(config.shortName(), block, "vae", device);
        this.config = config;
        this.block = block;
    }

    /** A new VAE on {@code device} with weights drawn from {@code seed}. */
    public static Vae create(VaeConfig config, long seed, Device device) {
        Vae vae = new Vae(config, new VaeBlock(config), device);
        vae.initialise(seed, new Shape(1, config.inputSize()));
        return vae;
    }

    /** A VAE on {@code device} with the weights {@link #save} wrote to {@code dir}. */
    public static Vae load(VaeConfig config, Path dir, Device device) throws IOException {
        Vae vae = new Vae(config, new VaeBlock(config), device);
        vae.loadWeights(dir);
        return vae;
    }

    public VaeConfig config() {
        return config;
    }

    @Override
    public String name() {
        return config.shortName();
    }

    public VaeBlock block() {
        return block;
    }

    @Override
    public LossTerms forward(ParameterStore store, Batch batch, boolean training) {
        NDList inputs = config.objective().needsLabels() ? new NDList(batch.x(), batch.labels()) : new NDList(batch.x());
        return loss(VaeOutput.of(block.forward(store, inputs, training)), batch.x());
    }

    /** The loss terms of a batch x from its forward pass. */
    public LossTerms loss(VaeOutput out, NDArray x) {
        NDArray reconstruction = config.likelihood().negativeLogLikelihood(out.decoded(), x);
        return config.objective().loss(out, reconstruction);
    }

    /**
     * The loss terms of x with the noise ε given, computed by this model's layers on the weights given in place of its
     * own (gradients reach {@code weights}' arrays): the reference for lab 02's VAE written out by hand.
     */
    public LossTerms loss(VaeWeights weights, NDArray x, NDArray epsilon) {
        return loss(block.forward(weights.store(block, x.getManager()), x, epsilon, true), x);
    }

    /** One forward pass of x alone (z sampled, no labels) and its loss terms, without gradients. */
    public LossTerms evaluate(NDArray x) {
        return loss(VaeOutput.of(block.forward(inference(x), new NDList(x), false)), x);
    }

    /** (μ, log σ²) of q_φ(z|x). */
    public NDList encode(NDArray x) {
        return block.encode(inference(x), x, false);
    }

    /** E[x|z]: the images the decoder predicts for latent codes z, shape (n, C·H·W). */
    public NDArray decode(NDArray z) {
        return config.likelihood().mean(decodeRaw(z));
    }

    /** The decoder's raw output for z (logits or means). */
    public NDArray decodeRaw(NDArray z) {
        return block.decode(inference(z), z, false);
    }

    /** x → E[x | z = μ(x)]: the reconstruction through the posterior mean. */
    public NDArray reconstruct(NDArray x) {
        return decode(encode(x).get(0));
    }

    private static ParameterStore inference(NDArray input) {
        return new ParameterStore(input.getManager(), false);
    }

    @Override
    public String toString() {
        return "VAE " + config.shortName() + " on " + device();
    }
}
