package org.vaelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.vaelab.data.Batch;
import org.vaelab.loss.Losses;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.vaelab.nn.Constants.dividedBy;
import static org.vaelab.nn.Constants.times;

/**
 * Two views, one latent. The objective per posterior, each line one term:
 * <pre>
 *   PRODUCT              Σ_{S ∈ {12, 1, 2}} [ Σ_{v∈S} λ_v·(−log p(x_v|z_S)) + KL(q_S ‖ p) ],   z_S ~ q_S = p·Π_{v∈S} q_v
 *   MIXTURE              ½ Σ_{v} [ Σ_u λ_u·(−log p(x_u|z_v)) + log q_mix(z_v|x) − log p(z_v) ],  z_v ~ q_v
 *   MIXTURE_OF_PRODUCTS  ⅓ Σ_{S ∈ {1, 2, 12}} [ Σ_u λ_u·(−log p(x_u|z_S)) + KL(q_S ‖ p) ],    z_S ~ q_S
 * </pre>
 * (the mixture's KL has no closed form: it is estimated from the sample, as MMVAE does).
 */
public final class MultiViewVae extends BlockModel {

    private final MultiViewConfig config;
    private final MultiViewBlock block;

    private MultiViewVae(MultiViewConfig config, MultiViewBlock block) {
        super(config.shortName(), block, "multiview");
        this.config = config;
        this.block = block;
    }

    /** A new two-view VAE with weights drawn from {@code seed} (PyTorch's default initialisation), on the lab's device. */
    public static MultiViewVae create(MultiViewConfig config, long seed) {
        MultiViewVae vae = new MultiViewVae(config, new MultiViewBlock(config));
        vae.initialise(seed, new Shape(1, config.first().inputSize()), new Shape(1, config.second().inputSize()));
        return vae;
    }

    /** A two-view VAE with the weights {@link #save} wrote to {@code dir}. */
    public static MultiViewVae load(MultiViewConfig config, Path dir) throws IOException {
        MultiViewVae vae = new MultiViewVae(config, new MultiViewBlock(config));
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

    @Override
    public NDList inputs(Batch batch) {
        return new NDList(batch.x(0), batch.x(1));
    }

    @Override
    public LossTerms loss(NDList output, Batch batch) {
        return loss(output, batch.x(0), batch.x(1));
    }

    public MultiViewBlock block() {
        return block;
    }

    /** The loss terms per image from the block's output: reconstruction (weighted, summed over terms), KL, total. */
    public LossTerms loss(NDList out, NDArray x1, NDArray x2) {
        List<int[]> subsets = block.subsets();
        NDArray[] x = {x1, x2};
        Likelihood[] likelihoods = {config.first().likelihood(), config.second().likelihood()};
        float[] weights = {config.firstWeight(), config.secondWeight()};
        int experts = subsets.size() * MultiViewBlock.PER_SUBSET;
        NDArray expertMus = out.get(experts).expandDims(0).concat(out.get(experts + 2).expandDims(0), 0);
        NDArray expertLogVars = out.get(experts + 1).expandDims(0).concat(out.get(experts + 3).expandDims(0), 0);
        NDArray reconstruction = null;
        NDArray kl = null;
        for (int s = 0; s < subsets.size(); s++) {
            int base = s * MultiViewBlock.PER_SUBSET;
            NDArray mu = out.get(base);
            NDArray logVar = out.get(base + 1);
            NDArray z = out.get(base + 2);
            // MVAE's single-view terms reconstruct only their view; the mixtures reconstruct both from every sample.
            int[] reconstructed = config.posterior() == MultiViewConfig.Posterior.PRODUCT ? subsets.get(s) : new int[] {0, 1};
            NDArray subsetReconstruction = null;
            for (int v : reconstructed) {
                NDArray nll = times(likelihoods[v].negativeLogLikelihood(out.get(base + 3 + v), x[v]), weights[v]);
                subsetReconstruction = subsetReconstruction == null ? nll : subsetReconstruction.add(nll);
            }
            NDArray subsetKl = config.posterior() == MultiViewConfig.Posterior.MIXTURE
                    ? Experts.mixtureLogDensity(z, expertMus, expertLogVars).sub(Losses.logStandardNormal(z))
                    : Losses.gaussianKl(mu, logVar);
            reconstruction = reconstruction == null ? subsetReconstruction : reconstruction.add(subsetReconstruction);
            kl = kl == null ? subsetKl : kl.add(subsetKl);
        }
        if (config.posterior() != MultiViewConfig.Posterior.PRODUCT) {
            // The mixtures average over their components.
            reconstruction = dividedBy(reconstruction, subsets.size());
            kl = dividedBy(kl, subsets.size());
        }
        return new LossTerms(reconstruction, kl, reconstruction.add(kl));
    }

    /** One forward pass (codes sampled) and its loss terms, without gradients. */
    public LossTerms evaluate(NDArray x1, NDArray x2) {
        return loss(block.forward(inference(x1), new NDList(x1, x2), false), x1, x2);
    }

    /** The posterior mean of view {@code from} alone (its expert, with the prior for the products). */
    public NDArray encodeOne(NDArray x, int from) {
        NDList[] experts = new NDList[2];
        experts[from] = block.expert(inference(x), from, x, false);
        return block.joint(experts, new int[] {from}).get(0);
    }

    /** The posterior mean given both views (the mixture: the mean of the two experts' means). */
    public NDArray encodeJoint(NDArray x1, NDArray x2) {
        ParameterStore store = inference(x1);
        NDList[] experts = {block.expert(store, 0, x1, false), block.expert(store, 1, x2, false)};
        if (config.posterior() == MultiViewConfig.Posterior.MIXTURE) {
            return experts[0].get(0).add(experts[1].get(0)).div(2);
        }
        return block.joint(experts, new int[] {0, 1}).get(0);
    }

    /** E[x_view | z]: view {@code view}'s image for codes z. */
    public NDArray decode(NDArray z, int view) {
        Likelihood likelihood = view == 0 ? config.first().likelihood() : config.second().likelihood();
        return likelihood.mean(block.decode(inference(z), view, z, false));
    }

    /** Cross-generation: view {@code to} decoded from the posterior mean of view {@code from} alone. */
    public NDArray crossGenerate(NDArray xFrom, int from, int to) {
        return decode(encodeOne(xFrom, from), to);
    }

    private static ParameterStore inference(NDArray input) {
        return new ParameterStore(input.getManager(), false);
    }
}
