package org.vaelab.model;

import org.vaelab.loss.Losses;

/**
 * What a VAE minimises beside its reconstruction term (notebook 01's last table):
 * <ul>
 *   <li>{@link Elbo}: β·KL(q(z|x) ‖ p(z)), the VAE at β = 1 and the β-VAE otherwise;</li>
 *   <li>{@link InfoVae}: (1−α)·KL(q(z|x) ‖ p(z)) + (α+λ−1)·MMD(q(z), p(z)), Zhao et al.'s InfoVAE,
 *       whose MMD compares the batch's codes with samples of the prior;</li>
 *   <li>{@link CentreLoss}: λ·‖μ(x) − c_y‖², no KL: the posterior mean is pulled to a learned centre
 *       per class, so the classes form separate clusters (lab 04).</li>
 * </ul>
 */
public sealed interface Objective permits Objective.Elbo, Objective.InfoVae, Objective.CentreLoss {
    /** A short tag for model names. */
    String tag();

    record Elbo(float beta) implements Objective {
        public Elbo {
            if (!(beta >= 0)) {
                throw new IllegalArgumentException("beta must be 0 or more, got " + beta);
            }
        }

        @Override
        public String tag() {
            return beta == 1f ? "" : "-beta" + beta;
        }
    }

    record InfoVae(float alpha, float lambda, Losses.MmdKernel kernel, float bandwidth) implements Objective {
        public InfoVae {
            if (!(bandwidth > 0) || !(alpha + lambda - 1 >= 0) || !(alpha <= 1)) {
                throw new IllegalArgumentException("InfoVAE needs α ≤ 1, α + λ ≥ 1 and a positive bandwidth; got α = "
                        + alpha + ", λ = " + lambda + ", bandwidth = " + bandwidth);
            }
        }

        @Override
        public String tag() {
            return "-info-a" + alpha + "-l" + lambda + "-" + kernel.name().toLowerCase();
        }
    }

    record CentreLoss(float lambda, int classes) implements Objective {
        public CentreLoss {
            if (!(lambda > 0) || classes < 2) {
                throw new IllegalArgumentException("the centre loss needs λ > 0 and at least 2 classes; got λ = " + lambda
                        + ", " + classes + " classes");
            }
        }

        @Override
        public String tag() {
            return "-centre-l" + lambda;
        }
    }

    /** True when the loss needs the images' labels (the centre loss). */
    default boolean needsLabels() {
        return this instanceof CentreLoss;
    }
}
