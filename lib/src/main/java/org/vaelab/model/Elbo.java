package org.vaelab.model;

import ai.djl.ndarray.NDArray;
import org.vaelab.loss.Losses;

import static org.vaelab.nn.Constants.times;

/**
 * The (β-weighted) negative ELBO, Kingma and Welling's objective at β = 1 and Higgins et al.'s β-VAE
 * otherwise:
 * <pre>
 *   L = −log p_θ(x|z) + β · KL(q_φ(z|x) ‖ N(0, I)),   z ~ q_φ(z|x)
 * </pre>
 */
public record Elbo(float beta) implements Objective {
    public Elbo {
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("beta must be 0 or more, got " + beta);
        }
    }

    @Override
    public LossTerms loss(VaeOutput out, NDArray reconstruction) {
        NDArray kl = Losses.gaussianKl(out.mu(), out.logVar());
        NDArray total = beta == 1f ? reconstruction.add(kl) : reconstruction.add(times(kl, beta));
        return LossTerms.elbo(reconstruction, kl, total);
    }

    @Override
    public String tag() {
        return beta == 1f ? "" : "-beta" + beta;
    }

    @Override
    public String key() {
        return "elbo(beta=" + beta + ")";
    }
}
