package org.vaelab.model.multiview;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.vaelab.data.Batch;
import org.vaelab.model.BlockModel;
import org.vaelab.model.Likelihood;
import org.vaelab.model.LossTerms;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Two views, one latent: a {@link MultiViewBlock} trained with the config's objective (its posterior's
 * ELBO, {@link MultiViewElbo}, or a K-sample bound), with each view's likelihood and weight from the config.
 */
public final class MultiViewVae extends BlockModel {
    private final MultiViewConfig config;
    private final MultiViewBlock block;

    private MultiViewVae(MultiViewConfig config, MultiViewBlock block, Device device) {
        super(config.shortName(), block, "multiview", device);
        this.config = config;
        this.block = block;
    }

    /** A new two-view VAE on {@code device} with weights drawn from {@code seed} (PyTorch's default initialisation). */
    public static MultiViewVae create(MultiViewConfig config, long seed, Device device) {
        MultiViewVae vae = new MultiViewVae(config, new MultiViewBlock(config), device);
        vae.initialise(seed, new Shape(1, config.first().inputSize()), new Shape(1, config.second().inputSize()));
        return vae;
    }

    /** A two-view VAE on {@code device} with the weights {@link #save} wrote to {@code dir}. */
    public static MultiViewVae load(MultiViewConfig config, Path dir, Device device) throws IOException {
        MultiViewVae vae = new MultiViewVae(config, new MultiViewBlock(config), device);
        vae.loadWeights(dir);
        return vae;
    }

    public MultiViewConfig config() {
        return config;
    }

    @Override
    public String name() {
        return config.shortName();
    }

    public MultiViewBlock block() {
        return block;
    }

    /** The loss terms of a batch under the config's objective (the posterior's ELBO, or a K-sample bound). */
    @Override
    public LossTerms forward(ParameterStore store, Batch batch, boolean training) {
        return config.objective().loss(block, store, config.posterior(), views(batch.x(0), batch.x(1)), training);
    }

    private Views views(NDArray x1, NDArray x2) {
        return new Views(new NDArray[] {x1, x2}, new Likelihood[] {config.first().likelihood(), config.second().likelihood()},
                new float[] {config.firstWeight(), config.secondWeight()});
    }

    /** The one-sample ELBO's terms per pair from the block's output: reconstruction (weighted, summed over views), KL, total. */
    public LossTerms loss(NDList out, NDArray x1, NDArray x2) {
        Posterior posterior = config.posterior();
        return MultiViewElbo.of(posterior, MultiViewOutput.of(out, posterior.subsets().size()), views(x1, x2));
    }

    /** One forward pass (codes sampled) and its loss terms under the config's objective, without gradients. */
    public LossTerms evaluate(NDArray x1, NDArray x2) {
        return config.objective().loss(block, inference(x1), config.posterior(), views(x1, x2), false);
    }

    /** The posterior mean of view {@code from} alone (its expert, with the prior for the products). */
    public NDArray encodeOne(NDArray x, int from) {
        return posteriorOf(x, from).get(0);
    }

    /** (μ, log σ²) of the posterior given view {@code from} alone: its expert, with the prior for the products. */
    public NDList posteriorOf(NDArray x, int from) {
        NDList[] experts = new NDList[2];
        experts[from] = block.expert(inference(x), from, x, false);
        return config.posterior().joint(experts, new int[] {from});
    }

    /** The posterior mean given both views. */
    public NDArray encodeJoint(NDArray x1, NDArray x2) {
        ParameterStore store = inference(x1);
        return config.posterior().jointMean(new NDList[] {block.expert(store, 0, x1, false), block.expert(store, 1, x2, false)});
    }

    /**
     * E[x_view | z]: view {@code view}'s image for shared codes z. With private latents (MMVAE+), the view's private
     * code is its prior's mean, 0: what the view looks like given only what the two views share.
     */
    public NDArray decode(NDArray z, int view) {
        Likelihood likelihood = view == 0 ? config.first().likelihood() : config.second().likelihood();
        int own = config.posterior().privateLatent();
        NDArray code = own == 0 ? z : z.concat(z.getManager().zeros(new Shape(z.getShape().get(0), own)), 1);
        return likelihood.mean(block.decode(inference(z), view, code, false));
    }

    /** Cross-generation: view {@code to} decoded from the posterior mean of view {@code from} alone. */
    public NDArray crossGenerate(NDArray xFrom, int from, int to) {
        return decode(encodeOne(xFrom, from), to);
    }

    private static ParameterStore inference(NDArray input) {
        return new ParameterStore(input.getManager(), false);
    }
}
