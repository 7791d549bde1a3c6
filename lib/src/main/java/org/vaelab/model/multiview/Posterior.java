package org.vaelab.model.multiview;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.vaelab.model.Likelihood;
import org.vaelab.model.LossTerms;

import java.util.List;
import java.util.function.IntFunction;

import static org.vaelab.nn.Constants.dividedBy;
import static org.vaelab.nn.Constants.times;

/**
 * How a two-view VAE joins its experts q_v(z|x_v) = N(μ_v, σ_v²) into a posterior, and the objective
 * that comes with it (MultiVae's "one model, its joint posterior and its loss"). Each posterior is a
 * class of its own: {@link ProductOfExperts} (MVAE), {@link MixtureOfExperts} (MMVAE),
 * {@link MixtureOfProductsOfExperts} (MoPoE). A new one is one more class and its test.
 */
public interface Posterior {
    Posterior PRODUCT = new ProductOfExperts();
    Posterior MIXTURE = new MixtureOfExperts();
    Posterior MIXTURE_OF_PRODUCTS = new MixtureOfProductsOfExperts();
    /** MMVAE+ with a private latent of 4 dimensions per view (labs 05 and 06). */
    Posterior MIXTURE_WITH_PRIVATE_LATENTS = new MixtureWithPrivateLatents(4);

    /**
     * The three posteriors whose loss comes from the block's one forward pass (MVAE, MMVAE, MoPoE), in the order of
     * labs 05 and 06's tables; the fourth model there, MMVAE+ ({@link #MIXTURE_WITH_PRIVATE_LATENTS}), computes its own.
     */
    static List<Posterior> all() {
        return List.of(PRODUCT, MIXTURE, MIXTURE_OF_PRODUCTS);
    }

    /** A short name for model names and folders ("product", "mixture", …). */
    String tag();

    /** The subsets of views (0-based) whose posteriors the objective samples, in the order of the forward pass. */
    List<int[]> subsets();

    /** (μ, log σ²) of the posterior given the views of {@code subset}, from the experts ({@code experts[v]} = (μ_v, log σ_v²)). */
    NDList joint(NDList[] experts, int[] subset);

    /** The loss terms per pair from a forward pass. */
    LossTerms loss(MultiViewOutput out, Views views);

    /** The views that the sample of subset {@code s} must reconstruct in the objective: both, in a mixture. */
    default int[] reconstructs(int s) {
        return new int[] {0, 1};
    }

    /** True when the objective averages over the subsets (a mixture's components, the default), false when it sums them. */
    default boolean averaged() {
        return true;
    }

    /**
     * log q(z|x) of the density that the samples of subset {@code s} are weighed against in an importance-weighted
     * objective: the subset's own Gaussian for the product, the whole mixture for the mixtures.
     *
     * @param z       samples, shape (m, latent)
     * @param experts each view's (μ_v, log σ_v²), rows matching z
     * @param joints  each subset's (μ_S, log σ_S²), rows matching z, in the order of {@link #subsets()}
     * @return shape (m)
     */
    NDArray logDensity(NDArray z, NDList[] experts, List<NDList> joints, int s);

    /** The size of each view's private latent (MMVAE+'s w_v), beside the shared one; 0 for the posteriors without. */
    default int privateLatent() {
        return 0;
    }

    /**
     * The posterior's own objective for a batch: one forward pass of the block ({@link MultiViewBlock#forward}) and
     * {@link #loss}. A posterior that needs another forward pass (MMVAE+'s private latents) computes it itself.
     */
    default LossTerms elbo(MultiViewBlock block, ai.djl.training.ParameterStore store, Views views, boolean training) {
        NDArray[] x = views.x();
        return loss(MultiViewOutput.of(block.forward(store, new NDList(x[0], x[1]), training), subsets().size()), views);
    }

    /** The posterior mean given both views, for codes and t-SNE. */
    default NDArray jointMean(NDList[] experts) {
        return joint(experts, new int[] {0, 1}).get(0);
    }

    /**
     * Σ_S [reconstruction_S + KL_S] over the subsets, or its mean over them when {@code averaged}
     * (the mixtures average over their components): the terms and their total.
     */
    static LossTerms overSubsets(int subsets, IntFunction<NDArray> reconstructionOf, IntFunction<NDArray> klOf, boolean averaged) {
        NDArray reconstruction = null;
        NDArray kl = null;
        for (int s = 0; s < subsets; s++) {
            NDArray subsetReconstruction = reconstructionOf.apply(s);
            NDArray subsetKl = klOf.apply(s);
            reconstruction = reconstruction == null ? subsetReconstruction : reconstruction.add(subsetReconstruction);
            kl = kl == null ? subsetKl : kl.add(subsetKl);
        }
        if (averaged) {
            reconstruction = dividedBy(reconstruction, subsets);
            kl = dividedBy(kl, subsets);
        }
        return LossTerms.elbo(reconstruction, kl, reconstruction.add(kl));
    }

    /** The two views of a batch, their likelihoods and their weights λ_v. */
    record Views(NDArray[] x, Likelihood[] likelihoods, float[] weights) {
        /** Σ_{v ∈ reconstructed} λ_v · (−log p(x_v | z)) for the sample of subset {@code s}. */
        public NDArray reconstruction(MultiViewOutput out, int s, int[] reconstructed) {
            NDArray sum = null;
            for (int v : reconstructed) {
                NDArray nll = times(likelihoods[v].negativeLogLikelihood(out.subsets().get(s).decoded(v), x[v]), weights[v]);
                sum = sum == null ? nll : sum.add(nll);
            }
            return sum;
        }
    }
}
