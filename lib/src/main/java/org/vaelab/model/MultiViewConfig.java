package org.vaelab.model;

/**
 * A two-view VAE: one encoder and one decoder per view (each described by a {@link VaeConfig},
 * which also fixes that view's likelihood), one shared latent, and the way the two experts
 * q_v(z|x_v) are joined into the posterior.
 *
 * @param first        view 1's networks and likelihood
 * @param second       view 2's networks and likelihood (same latent size)
 * @param posterior    product of experts, mixture of experts, or mixture of products of experts
 * @param firstWeight  λ_1, the weight of view 1's log-likelihood
 * @param secondWeight λ_2, the weight of view 2's log-likelihood
 */
public record MultiViewConfig(VaeConfig first, VaeConfig second, Posterior posterior, float firstWeight, float secondWeight) {
    /** How the experts are joined. */
    public enum Posterior {
        /** MVAE (Wu and Goodman): q(z|x1,x2) ∝ p(z) q1(z|x1) q2(z|x2); ELBO(x1,x2) + ELBO(x1) + ELBO(x2). */
        PRODUCT,
        /** MMVAE (Shi et al.): q(z|x1,x2) = ½ (q1 + q2); each expert's samples reconstruct both views. */
        MIXTURE,
        /** MoPoE (Sutter et al.): the mixture over the subsets {1}, {2}, {1,2} of their products of experts. */
        MIXTURE_OF_PRODUCTS
    }

    public MultiViewConfig {
        if (first.latent() != second.latent()) {
            throw new IllegalArgumentException("the two views must share one latent; got " + first.latent() + " and " + second.latent());
        }
        if (!(firstWeight > 0) || !(secondWeight > 0)) {
            throw new IllegalArgumentException("view weights must be positive; got " + firstWeight + " and " + secondWeight);
        }
    }

    public static MultiViewConfig of(VaeConfig first, VaeConfig second, Posterior posterior) {
        return new MultiViewConfig(first, second, posterior, 1f, 1f);
    }

    public int latent() {
        return first.latent();
    }

    public String shortName() {
        return "mv-" + posterior.name().toLowerCase().replace('_', '-') + "-" + first.shortName() + "+" + second.shortName();
    }
}
