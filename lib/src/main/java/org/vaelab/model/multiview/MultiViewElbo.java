package org.vaelab.model.multiview;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.vaelab.loss.Gaussian;
import org.vaelab.loss.Losses;
import org.vaelab.model.Experts;
import org.vaelab.model.LossTerms;

import static org.vaelab.nn.Constants.dividedBy;
import static org.vaelab.nn.Constants.times;

/**
 * The posterior's one-sample ELBO: one sample z_S ~ q_S per subset S of the posterior, and
 * <pre>
 *   L = ⊕_S [ Σ_{u ∈ recon(S)} λ_u·(−log p(x_u|z_S)) + KL_S ]      (⊕: the mean over S for the mixtures, the sum for the product)
 * </pre>
 * with KL_S from {@link Posterior#elboKl} (closed form, or the mixture's one-sample estimate). With private latents
 * (MMVAE+), the sample of view v's component is (z_v, w_v): view v is decoded from (z_v, w_v), the other view u from
 * (z_v, w̃_u) with w̃_u ~ r(w_u) = N(0, I), and KL_S gains log q_v(w_v|x_v) − log p(w_v).
 */
public record MultiViewElbo() implements MultiViewObjective {
    @Override
    public LossTerms loss(MultiViewBlock block, ParameterStore store, Posterior posterior, Views views, boolean training) {
        if (posterior.privateLatent() > 0) {
            return withPrivateLatents(block, store, posterior, views, training);
        }
        NDArray[] x = views.x();
        return of(posterior, MultiViewOutput.of(block.forward(store, new NDList(x[0], x[1]), training), posterior.subsets().size()), views);
    }

    /** The ELBO's terms from one forward pass of the block. */
    public static LossTerms of(Posterior posterior, MultiViewOutput out, Views views) {
        NDArray reconstruction = null;
        NDArray kl = null;
        for (int s = 0; s < posterior.subsets().size(); s++) {
            NDArray subsetReconstruction = views.reconstruction(out, s, posterior.reconstructs(s));
            NDArray subsetKl = posterior.elboKl(out, s);
            reconstruction = reconstruction == null ? subsetReconstruction : reconstruction.add(subsetReconstruction);
            kl = kl == null ? subsetKl : kl.add(subsetKl);
        }
        if (posterior.averaged()) {
            reconstruction = dividedBy(reconstruction, posterior.subsets().size());
            kl = dividedBy(kl, posterior.subsets().size());
        }
        return LossTerms.elbo(reconstruction, kl, reconstruction.add(kl));
    }

    /** MMVAE+'s ELBO (a mixture over the shared latent): each view's component samples its shared and its private code; the other view's private code comes from r. */
    private static LossTerms withPrivateLatents(MultiViewBlock block, ParameterStore store, Posterior posterior, Views views,
                                                boolean training) {
        NDArray[] x = views.x();
        int own = posterior.privateLatent();
        NDList[] all = {block.experts(store, 0, x[0], training), block.experts(store, 1, x[1], training)};
        NDList[] shared = {new NDList(all[0].get(0), all[0].get(1)), new NDList(all[1].get(0), all[1].get(1))};
        // The shared latent's posterior is MMVAE's mixture ½ (q_1 + q_2), its two components stacked once for both samples.
        NDList stacked = MultiViewOutput.stacked(shared);
        NDArray reconstruction = null;
        NDArray kl = null;
        for (int v = 0; v < 2; v++) {
            NDArray z = Gaussian.reparameterize(all[v].get(0), all[v].get(1));
            NDArray w = Gaussian.reparameterize(all[v].get(2), all[v].get(3));
            NDArray viewReconstruction = null;
            for (int u : posterior.reconstructs(v)) {
                // The view's own private code from its encoder; the other view's from the auxiliary prior r = N(0, I).
                NDArray code = u == v ? w : w.getManager().randomNormal(new Shape(w.getShape().get(0), own));
                NDArray nll = views.weightedNll(u, block.decode(store, u, z.concat(code, 1), training), x[u]);
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

    @Override
    public int samples() {
        return 1;
    }

    @Override
    public String tag() {
        return "";
    }

    @Override
    public String key() {
        return "elbo";
    }
}
