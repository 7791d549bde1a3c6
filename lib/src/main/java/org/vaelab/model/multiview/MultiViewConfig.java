package org.vaelab.model.multiview;

import org.vaelab.model.VaeConfig;

/**
 * A two-view VAE: one encoder and one decoder per view (each described by a {@link VaeConfig},
 * which also fixes that view's likelihood), one shared latent, and the way the two experts
 * q_v(z|x_v) are joined into the posterior.
 *
 * @param first        view 1's networks and likelihood
 * @param second       view 2's networks and likelihood (same latent size)
 * @param posterior    how the experts are joined, with its objective: {@link Posterior#PRODUCT}, {@link Posterior#MIXTURE}, {@link Posterior#MIXTURE_OF_PRODUCTS}
 * @param firstWeight  λ_1, the weight of view 1's log-likelihood
 * @param secondWeight λ_2, the weight of view 2's log-likelihood
 * @param objective    what is minimised: {@link MultiViewObjective#ELBO} (the posterior's own), or a K-sample bound
 */
public record MultiViewConfig(VaeConfig first, VaeConfig second, Posterior posterior, float firstWeight, float secondWeight,
                              MultiViewObjective objective) {
    /** The posterior's own ELBO as the objective. */
    public MultiViewConfig(VaeConfig first, VaeConfig second, Posterior posterior, float firstWeight, float secondWeight) {
        this(first, second, posterior, firstWeight, secondWeight, MultiViewObjective.ELBO);
    }

    public MultiViewConfig {
        if (objective == null) {
            throw new IllegalArgumentException("a two-view VAE needs an objective, e.g. MultiViewObjective.ELBO");
        }
        if (posterior == null) {
            throw new IllegalArgumentException("a two-view VAE needs a posterior, e.g. Posterior.MIXTURE");
        }
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

    /** The same model trained with another objective (e.g. {@code new DregImportanceWeighted(10)}). */
    public MultiViewConfig withObjective(MultiViewObjective newObjective) {
        return new MultiViewConfig(first, second, posterior, firstWeight, secondWeight, newObjective);
    }

    public int latent() {
        return first.latent();
    }

    public String shortName() {
        return "mv-" + posterior.tag() + objective.tag() + "-" + first.shortName() + "+" + second.shortName();
    }

    /** Everything that determines the networks and the loss, for cache keys. */
    public String key() {
        return "multiview(first=" + first.key() + ",second=" + second.key() + ",posterior=" + posterior.tag()
                + ",weights=" + firstWeight + "/" + secondWeight + (objective == MultiViewObjective.ELBO ? "" : ",objective=" + objective.key())
                + ")";
    }
}
