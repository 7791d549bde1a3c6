package org.vaelab.model.multiview;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.vaelab.loss.Gaussian;
import org.vaelab.loss.Losses;
import org.vaelab.model.Experts;
import org.vaelab.model.LossTerms;

import java.util.List;

import static org.vaelab.nn.Constants.times;

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
 * scale), and the objective is this one-sample ELBO (MMVAE+ also trains with a K-sample DReG bound).
 *
 * @param privateLatent the size of each view's private latent w_v
 */
public record MixtureWithPrivateLatents(int privateLatent) implements Posterior {
    private static final int[] BOTH = {0, 1};

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

    /** Not used: MMVAE+ computes its loss in {@link #elbo}, from its own forward pass. */
    @Override
    public LossTerms loss(MultiViewOutput out, Views views) {
        throw new UnsupportedOperationException("MMVAE+ computes its loss from its own forward pass (elbo)");
    }

    @Override
    public LossTerms elbo(MultiViewBlock block, ParameterStore store, Views views, boolean training) {
        NDArray[] x = views.x();
        NDList[] all = {block.experts(store, 0, x[0], training), block.experts(store, 1, x[1], training)};
        NDList[] shared = {new NDList(all[0].get(0), all[0].get(1)), new NDList(all[1].get(0), all[1].get(1))};
        NDList stacked = MultiViewOutput.stacked(shared);
        NDArray reconstruction = null;
        NDArray kl = null;
        for (int v = 0; v < 2; v++) {
            NDArray z = Gaussian.reparameterize(all[v].get(0), all[v].get(1));
            NDArray w = Gaussian.reparameterize(all[v].get(2), all[v].get(3));
            NDArray viewReconstruction = null;
            for (int u : BOTH) {
                // The view's own private code from its encoder; the other view's from the auxiliary prior r = N(0, I).
                NDArray own = u == v ? w : w.getManager().randomNormal(new Shape(w.getShape().get(0), privateLatent));
                NDArray nll = times(views.likelihoods()[u].negativeLogLikelihood(block.decode(store, u, z.concat(own, 1), training), x[u]),
                        views.weights()[u]);
                viewReconstruction = viewReconstruction == null ? nll : viewReconstruction.add(nll);
            }
            NDArray viewKl = Experts.mixtureLogDensity(z, stacked.get(0), stacked.get(1))
                    .add(Losses.logNormal(w, all[v].get(2), all[v].get(3)))
                    .sub(Losses.logStandardNormal(z)).sub(Losses.logStandardNormal(w));
            reconstruction = reconstruction == null ? viewReconstruction : reconstruction.add(viewReconstruction);
            kl = kl == null ? viewKl : kl.add(viewKl);
        }
        reconstruction = times(reconstruction, 0.5);
        kl = times(kl, 0.5);
        return LossTerms.elbo(reconstruction, kl, reconstruction.add(kl));
    }
}
