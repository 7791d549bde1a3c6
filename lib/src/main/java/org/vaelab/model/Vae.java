package org.vaelab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.vaelab.data.Batch;
import org.vaelab.loss.Losses;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.vaelab.nn.Constants.times;

/**
 * A variational autoencoder: the config, the block with its parameters, and the loss.
 * {@link #loss} is the model's whole objective, one term per line:
 * <pre>
 *   reconstruction = −log p_θ(x|z)                    (Bernoulli from logits, or Gaussian)
 *   kl             = KL(q_φ(z|x) ‖ N(0, I))            (closed form)
 *   total          = reconstruction + β · kl            (−ELBO when β = 1)
 * </pre>
 */
public final class Vae extends BlockModel {
    /**
     * The version of what training produces from a config on MXNet: part of every checkpoint's key,
     * so bump it whenever the networks, their initialisation or the loss change, or old weights
     * would be reused. Version 4 sums the loss over pixels with {@link org.vaelab.nn.RowSums}: the
     * single-view VAEs train as before, bit for bit, but the mixture-of-experts VAE does not.
     */
    public static final int CODE_VERSION = 4;

    /**
     * The version for one engine. PyTorch's training changed in version 3: constants are no longer
     * freed before the backward pass (see {@link org.vaelab.nn.Constants}); its row sums did not
     * change in version 4, so its version-3 checkpoints stay valid.
     */
    public static int codeVersion(String engine) {
        return "PyTorch".equals(engine) ? 3 : CODE_VERSION;
    }

    private final VaeConfig config;
    private final VaeBlock block;

    private Vae(VaeConfig config, VaeBlock block) {
        super(config.shortName(), block, "vae");
        this.config = config;
        this.block = block;
    }

    /** A new VAE with weights drawn from {@code seed}, on the lab's device. */
    public static Vae create(VaeConfig config, long seed) {
        Vae vae = new Vae(config, new VaeBlock(config));
        vae.initialise(seed, new Shape(1, config.inputSize()));
        return vae;
    }

    /** A VAE with the weights {@link #save} wrote to {@code dir}. */
    public static Vae load(VaeConfig config, Path dir) throws IOException {
        Vae vae = new Vae(config, new VaeBlock(config));
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

    @Override
    public NDList inputs(Batch batch) {
        return config.objective().needsLabels() ? new NDList(batch.x(), batch.labels()) : new NDList(batch.x());
    }

    @Override
    public LossTerms loss(NDList output, Batch batch) {
        return loss(output, batch.x());
    }

    public VaeBlock block() {
        return block;
    }

    public Device device() {
        return model().getNDManager().getDevice();
    }

    /**
     * The loss terms of a batch from the block's output (decoded, μ, log σ², z, and for the centre
     * loss the centres of the batch's classes).
     */
    public LossTerms loss(NDList output, NDArray x) {
        NDArray reconstruction = config.likelihood().negativeLogLikelihood(output.get(0), x);
        NDArray kl = Losses.gaussianKl(output.get(1), output.get(2));
        Objective objective = config.objective();
        if (objective instanceof Objective.Elbo elbo) {
            NDArray total = elbo.beta() == 1f ? reconstruction.add(kl) : reconstruction.add(times(kl, elbo.beta()));
            return new LossTerms(reconstruction, kl, total);
        }
        if (objective instanceof Objective.CentreLoss centreLoss) {
            if (output.size() < 5) {
                // Without labels (evaluation) the centre term cannot be formed: report the reconstruction.
                return new LossTerms(reconstruction, kl, reconstruction.duplicate());
            }
            NDArray centre = output.get(1).sub(output.get(4)).square().sum(new int[] {1});
            NDArray total = reconstruction.add(times(centre, centreLoss.lambda()));
            return new LossTerms(reconstruction, kl, total, java.util.Map.of("centre", centre));
        }
        Objective.InfoVae info = (Objective.InfoVae) objective;
        NDArray z = output.get(3);
        NDArray prior = z.getManager().randomNormal(z.getShape());
        NDArray mmd = Losses.mmd(z, prior, info.kernel(), info.bandwidth());
        // MMD is a property of the whole batch: every image carries it, so the batch mean adds it once.
        NDArray total = reconstruction.add(times(kl, 1 - info.alpha())).add(times(mmd, info.alpha() + info.lambda() - 1));
        return new LossTerms(reconstruction, kl, total, java.util.Map.of("mmd", mmd));
    }

    /** One forward pass (z sampled) and its loss terms, without gradients. */
    public LossTerms evaluate(NDArray x) {
        return loss(block.forward(inference(x), new NDList(x), false), x);
    }

    /** (μ, log σ²) of q_φ(z|x). */
    public NDList encode(NDArray x) {
        return block.encode(inference(x), x, false);
    }

    /** E[x|z]: the images the decoder predicts for latent codes z, shape (n, C·H·W). */
    public NDArray decode(NDArray z) {
        return config.likelihood().mean(block.decode(inference(z), z, false));
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
