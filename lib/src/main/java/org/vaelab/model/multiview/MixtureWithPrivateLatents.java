package org.vaelab.model.multiview;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

import java.util.List;

/**
 * MMVAE+ (Palumbo et al., 2023): MMVAE's mixture over a shared latent z, plus a private latent w_v per view
 * that holds what only that view has (the stroke of a digit, the texture of a garment). Each view's decoder
 * reads (z, w_v). A sample z from one view must reconstruct the other view too, and there the other view's
 * private code is drawn from an auxiliary prior r(w_u) instead of its encoder, so the shared z must carry
 * all the two views have in common:
 * <pre>
 *   L = ½ Σ_v [ λ_v·(−log p(x_v | z_v, w_v)) + λ_u·(−log p(x_u | z_v, w̃_u))
 *              + log q_mix(z_v|x) + log q_v(w_v|x_v) − log p(z_v, w_v) ],
 *   z_v ~ q_v(z|x_v),  w_v ~ q_v(w|x_v),  w̃_u ~ r(w_u) = N(0, I),  u the other view
 * </pre>
 * Cross-generation decodes the source's shared code with the target's private code at its prior mean: the
 * source's private latent never reaches the other view. Here r is fixed at N(0, I) (MMVAE+ can learn its
 * scale). Every objective trains it: the one-sample ELBO above ({@link MultiViewElbo}), or the K-sample bound with
 * or without DReG, as MMVAE+ does.
 *
 * @param privateLatent the size of each view's private latent w_v
 */
public record MixtureWithPrivateLatents(int privateLatent) implements Posterior {
    public MixtureWithPrivateLatents {
        if (privateLatent < 1) {
            throw new IllegalArgumentException("MMVAE+ needs a private latent of 1 or more dimensions, got " + privateLatent);
        }
    }

    @Override
    public String tag() {
        return "mixture-private" + privateLatent;
    }

    /** The mixture's subsets, components and mean over the shared latent: MMVAE's. */
    @Override
    public List<int[]> subsets() {
        return MIXTURE.subsets();
    }

    @Override
    public NDList joint(NDList[] experts, int[] subset) {
        return MIXTURE.joint(experts, subset);
    }

    @Override
    public NDArray jointMean(NDList[] experts) {
        return MIXTURE.jointMean(experts);
    }

    @Override
    public NDArray logDensity(NDArray z, NDList[] experts, List<NDList> joints, int s) {
        return MIXTURE.logDensity(z, experts, joints, s);
    }

    /** The shared latent's term, as MMVAE's; the objectives add the private latents' log q_v(w_v|x_v) − log p(w_v). */
    @Override
    public NDArray elboKl(MultiViewOutput out, int s) {
        return MIXTURE.elboKl(out, s);
    }
}
