package org.vaelab.model.multiview;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.vaelab.loss.Losses;
import org.vaelab.model.LossTerms;

import java.util.ArrayList;
import java.util.List;

import static org.vaelab.nn.Constants.dividedBy;
import static org.vaelab.nn.Constants.times;

/**
 * The K-sample importance-weighted bound of a two-view posterior (Burda et al., 2016), in MMVAE's
 * "looser" form for the mixtures (Shi et al., 2019): each subset S draws K samples z_S^k from its own
 * q_S, each weighed against the posterior's density ({@link Posterior#logDensity}: the whole mixture for
 * MMVAE and MoPoE, q_S itself for MVAE's product), and
 * <pre>
 *   log w_S^k = log p(z_S^k) + Σ_{u ∈ recon(S)} λ_u log p(x_u | z_S^k) − log q(z_S^k | x)
 *   L = ⊕_S −log (1/K) Σ_k w_S^k        (⊕: the mean over S for the mixtures, the sum for the product)
 * </pre>
 * With private latents (MMVAE+), the sample of view v's component is (z, w_v): w_v from q_v(w|x_v) is
 * decoded with z for view v, an auxiliary-prior sample w̃_u ~ N(0, I) for the other view u, and log w gains
 * log p(w_v) − log q_v(w_v|x_v). At K = 1 it is the one-sample ELBO; as K grows it tightens towards log p(x).
 * The K samples of a batch go through each decoder as one batch of K·n rows.
 *
 * @param samples K, 1 or more
 */
public record ImportanceWeighted(int samples) implements MultiViewObjective {
    public ImportanceWeighted {
        if (samples < 1) {
            throw new IllegalArgumentException("an importance-weighted bound needs K ≥ 1 samples, got " + samples);
        }
    }

    @Override
    public LossTerms loss(MultiViewBlock block, ParameterStore store, Posterior posterior, Posterior.Views views, boolean training) {
        Draw draw = Draw.of(block, store, posterior, views, samples, training);
        List<NDArray> bounds = new ArrayList<>();
        List<NDArray> reconstructions = new ArrayList<>();
        List<NDArray> kls = new ArrayList<>();
        for (int s = 0; s < draw.z().size(); s++) {
            Weights w = draw.logWeights(s, draw.z().get(s), draw.privateCode(s), draw.experts(), draw.joints(), draw.privateExperts());
            bounds.add(Losses.iwaeBound(draw.perPair(w.logWeights())).neg());
            reconstructions.add(draw.perPair(w.reconstruction()).mean(new int[] {1}));
            kls.add(draw.perPair(w.kl()).mean(new int[] {1}));
        }
        return LossTerms.elbo(combine(posterior, reconstructions), combine(posterior, kls), combine(posterior, bounds));
    }

    @Override
    public String tag() {
        return "-iwae" + samples;
    }

    @Override
    public String key() {
        return "iwae(k=" + samples + ")";
    }

    /** The mean over the subsets for a mixture, their sum for the product. */
    static NDArray combine(Posterior posterior, List<NDArray> perSubset) {
        NDArray sum = perSubset.get(0);
        for (int s = 1; s < perSubset.size(); s++) {
            sum = sum.add(perSubset.get(s));
        }
        return posterior.averaged() ? dividedBy(sum, perSubset.size()) : sum;
    }

    /** log w per sample, and its parts: the weighted reconstruction −Σ λ log p(x|z) and the sampled log q − log p. */
    record Weights(NDArray logWeights, NDArray reconstruction, NDArray kl) {
    }

    /**
     * One batch's experts and K samples per pair and subset, rows ordered pair by pair (pair i's K samples
     * are rows iK … iK + K − 1, as {@code repeat(0, K)} makes them). With private latents (MMVAE+), subset s = {v}
     * also draws view v's private code w from q_v(w|x_v) and the other view's from the auxiliary prior N(0, I).
     */
    record Draw(MultiViewBlock block, ParameterStore store, Posterior posterior, Posterior.Views views, NDArray[] tiledX,
                NDList[] experts, NDList[] privateExperts, List<NDList> joints, List<NDArray> z, List<NDArray> w,
                List<NDArray> auxiliary, int k, long n, boolean training) {
        static Draw of(MultiViewBlock block, ParameterStore store, Posterior posterior, Posterior.Views views, int k, boolean training) {
            NDArray[] x = views.x();
            int own = posterior.privateLatent();
            NDList[] all = {block.experts(store, 0, x[0], training), block.experts(store, 1, x[1], training)};
            NDList[] experts = {new NDList(all[0].get(0), all[0].get(1)), new NDList(all[1].get(0), all[1].get(1))};
            NDList[] privateExperts = own == 0 ? null
                    : new NDList[] {repeated(new NDList(all[0].get(2), all[0].get(3)), k), repeated(new NDList(all[1].get(2), all[1].get(3)), k)};
            List<NDList> joints = new ArrayList<>();
            for (int[] subset : posterior.subsets()) {
                joints.add(repeated(posterior.joint(experts, subset), k));
            }
            NDList[] tiledExperts = {repeated(experts[0], k), repeated(experts[1], k)};
            List<NDArray> z = new ArrayList<>();
            List<NDArray> w = new ArrayList<>();
            List<NDArray> auxiliary = new ArrayList<>();
            for (int s = 0; s < joints.size(); s++) {
                z.add(org.vaelab.loss.Gaussian.reparameterize(joints.get(s).get(0), joints.get(s).get(1)));
                if (own > 0) {
                    NDList mine = privateExperts[posterior.subsets().get(s)[0]];
                    w.add(org.vaelab.loss.Gaussian.reparameterize(mine.get(0), mine.get(1)));
                    auxiliary.add(x[0].getManager().randomNormal(new Shape(mine.get(0).getShape().get(0), own)));
                }
            }
            return new Draw(block, store, posterior, views, new NDArray[] {x[0].repeat(0, k), x[1].repeat(0, k)}, tiledExperts,
                    privateExperts, joints, z, w, auxiliary, k, x[0].getShape().get(0), training);
        }

        /**
         * log w of subset s's samples {@code zs} (and private codes {@code ws}, null without), decoded here, weighed
         * against the density given by {@code experts}, {@code joints} and {@code privates} (each view's q(w_v|x_v)).
         */
        Weights logWeights(int s, NDArray zs, NDArray ws, NDList[] densityExperts, List<NDList> densityJoints, NDList[] privates) {
            int v = posterior.subsets().get(s)[0];
            NDArray reconstruction = null;
            for (int u : posterior.reconstructs(s)) {
                NDArray code = ws == null ? zs : zs.concat(u == v ? ws : auxiliary.get(s), 1);
                NDArray nll = times(views.likelihoods()[u].negativeLogLikelihood(block.decode(store, u, code, training), tiledX[u]),
                        views.weights()[u]);
                reconstruction = reconstruction == null ? nll : reconstruction.add(nll);
            }
            NDArray kl = posterior.logDensity(zs, densityExperts, densityJoints, s).sub(Losses.logStandardNormal(zs));
            if (ws != null) {
                kl = kl.add(Losses.logNormal(ws, privates[v].get(0), privates[v].get(1))).sub(Losses.logStandardNormal(ws));
            }
            return new Weights(reconstruction.add(kl).neg(), reconstruction, kl);
        }

        /** Subset s's private codes, or null for a posterior without. */
        NDArray privateCode(int s) {
            return w.isEmpty() ? null : w.get(s);
        }

        /** K·n values, pair by pair, as (n, K). */
        NDArray perPair(NDArray values) {
            return values.reshape(n, k);
        }

        private static NDList repeated(NDList params, int k) {
            return new NDList(params.get(0).repeat(0, k), params.get(1).repeat(0, k));
        }
    }
}
