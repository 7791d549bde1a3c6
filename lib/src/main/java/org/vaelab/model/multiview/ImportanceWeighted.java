package org.vaelab.model.multiview;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.vaelab.loss.Losses;
import org.vaelab.model.LossTerms;

import java.util.ArrayList;
import java.util.List;

import static org.vaelab.nn.Constants.dividedBy;

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
 * The samples and their weights come from {@link ImportanceSamples}, shared with {@link DregImportanceWeighted}.
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
    public LossTerms loss(MultiViewBlock block, ParameterStore store, Posterior posterior, Views views, boolean training) {
        ImportanceSamples draw = ImportanceSamples.draw(block, store, posterior, views, samples, training);
        List<NDArray> bounds = new ArrayList<>();
        List<NDArray> reconstructions = new ArrayList<>();
        List<NDArray> kls = new ArrayList<>();
        for (int s = 0; s < draw.subsets(); s++) {
            ImportanceSamples.Weights w = draw.logWeights(s, draw.sample(s), draw.density());
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
}
