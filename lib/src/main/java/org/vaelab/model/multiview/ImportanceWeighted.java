package org.vaelab.model.multiview;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
 * At K = 1 it is the one-sample ELBO; as K grows it tightens towards log p(x). The K samples of a batch
 * go through each decoder as one batch of K·n rows.
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
            Weights w = draw.logWeights(s, draw.z().get(s), draw.experts(), draw.joints());
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
     * are rows iK … iK + K − 1, as {@code repeat(0, K)} makes them).
     */
    record Draw(MultiViewBlock block, ParameterStore store, Posterior posterior, Posterior.Views views, NDArray[] tiledX,
                NDList[] experts, List<NDList> joints, List<NDArray> z, int k, long n, boolean training) {
        static Draw of(MultiViewBlock block, ParameterStore store, Posterior posterior, Posterior.Views views, int k, boolean training) {
            NDArray[] x = views.x();
            NDList[] experts = {block.expert(store, 0, x[0], training), block.expert(store, 1, x[1], training)};
            List<NDList> joints = new ArrayList<>();
            for (int[] subset : posterior.subsets()) {
                joints.add(repeated(posterior.joint(experts, subset), k));
            }
            NDList[] tiledExperts = {repeated(experts[0], k), repeated(experts[1], k)};
            List<NDArray> z = new ArrayList<>();
            for (NDList joint : joints) {
                z.add(org.vaelab.loss.Gaussian.reparameterize(joint.get(0), joint.get(1)));
            }
            return new Draw(block, store, posterior, views, new NDArray[] {x[0].repeat(0, k), x[1].repeat(0, k)}, tiledExperts, joints,
                    z, k, x[0].getShape().get(0), training);
        }

        /** log w of subset s's samples {@code zs}, decoded here, weighed against the density given by {@code experts} and {@code joints}. */
        Weights logWeights(int s, NDArray zs, NDList[] densityExperts, List<NDList> densityJoints) {
            NDArray reconstruction = null;
            for (int u : posterior.reconstructs(s)) {
                NDArray nll = times(views.likelihoods()[u].negativeLogLikelihood(block.decode(store, u, zs, training), tiledX[u]),
                        views.weights()[u]);
                reconstruction = reconstruction == null ? nll : reconstruction.add(nll);
            }
            NDArray kl = posterior.logDensity(zs, densityExperts, densityJoints, s).sub(Losses.logStandardNormal(zs));
            return new Weights(reconstruction.add(kl).neg(), reconstruction, kl);
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
