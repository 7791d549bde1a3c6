package org.vaelab.model.multiview;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

import java.util.List;

/**
 * How a two-view VAE joins its experts q_v(z|x_v) = N(μ_v, σ_v²) into a posterior: the subsets of views it
 * samples, each subset's joint, and the density its samples are weighed against. Each posterior is a class of
 * its own: {@link ProductOfExperts} (MVAE), {@link MixtureOfExperts} (MMVAE), {@link MixtureOfProductsOfExperts}
 * (MoPoE), {@link MixtureWithPrivateLatents} (MMVAE+). The objectives ({@link MultiViewObjective}) own the loss:
 * a new posterior is one more class and its test, and every objective trains it.
 */
public interface Posterior {
    Posterior PRODUCT = new ProductOfExperts();
    Posterior MIXTURE = new MixtureOfExperts();
    Posterior MIXTURE_OF_PRODUCTS = new MixtureOfProductsOfExperts();
    /** MMVAE+ with a private latent of 4 dimensions per view (labs 05 and 06). */
    Posterior MIXTURE_WITH_PRIVATE_LATENTS = new MixtureWithPrivateLatents(4);

    /**
     * MVAE, MMVAE and MoPoE, in the order of labs 05 and 06's tables; the fourth model there is MMVAE+
     * ({@link #MIXTURE_WITH_PRIVATE_LATENTS}).
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

    /**
     * The KL term of the one-sample ELBO for subset {@code s}'s sample: KL(q_S ‖ p) in closed form where the
     * subset's Gaussian is what the term is taken against (the product, MoPoE's components), or its one-sample
     * estimate log q(z|x) − log p(z) at the sample where it is a mixture without a closed form (MMVAE).
     */
    NDArray elboKl(MultiViewOutput out, int s);

    /** The size of each view's private latent (MMVAE+'s w_v), beside the shared one; 0 for the posteriors without. */
    default int privateLatent() {
        return 0;
    }

    /** The posterior mean given both views, for codes and t-SNE. */
    default NDArray jointMean(NDList[] experts) {
        return joint(experts, new int[] {0, 1}).get(0);
    }
}
