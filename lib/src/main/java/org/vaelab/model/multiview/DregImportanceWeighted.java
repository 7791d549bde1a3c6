package org.vaelab.model.multiview;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.vaelab.loss.Losses;
import org.vaelab.model.LossTerms;

import java.util.ArrayList;
import java.util.List;

/**
 * The importance-weighted bound of {@link ImportanceWeighted}, trained with doubly reparameterised
 * gradients (DReG, Tucker et al., 2019), as MMVAE's "m_dreg_looser". The plain IWAE gradient of the
 * encoder grows noisier as K grows; DReG removes its score-function part and weighs the path through
 * each sample by the squared normalised weight:
 * <pre>
 *   w̃_k = w_k / Σ_j w_j                                  (no gradient)
 *   ∇_θ = Σ_k w̃_k ∇_θ log w_k                            (the decoders: as IWAE)
 *   ∇_φ = Σ_k w̃_k² (∂ log w_k / ∂z_k) (∂z_k / ∂φ)        (the encoders; q's parameters held fixed in log q)
 * </pre>
 * MMVAE multiplies the gradient reaching z by w̃ with a hook. Here the samples enter the decoders as
 * z' = w̃ z + (1 − w̃) z̄ (z̄: z without gradient), which has z's value and passes w̃ times its gradient on to
 * the encoders (MMVAE+'s private codes w pass the same way, as its DReG objective does); the weights w̃ come from a first, gradient-free decoding of the same samples. The loss's
 * value is the importance-weighted bound itself; only its gradient is DReG's.
 *
 * @param samples K, 1 or more (at K = 1, w̃ = 1 and DReG is the ELBO without the score term)
 */
public record DregImportanceWeighted(int samples) implements MultiViewObjective {
    public DregImportanceWeighted {
        if (samples < 1) {
            throw new IllegalArgumentException("DReG needs K ≥ 1 samples, got " + samples);
        }
    }

    @Override
    public LossTerms loss(MultiViewBlock block, ParameterStore store, Posterior posterior, Views views, boolean training) {
        ImportanceSamples draw = ImportanceSamples.draw(block, store, posterior, views, samples, training);
        ImportanceSamples.Density fixed = draw.density().detached();
        List<NDArray> bounds = new ArrayList<>();
        List<NDArray> surrogates = new ArrayList<>();
        List<NDArray> reconstructions = new ArrayList<>();
        List<NDArray> kls = new ArrayList<>();
        for (int s = 0; s < draw.subsets(); s++) {
            ImportanceSamples.Weights first = draw.logWeights(s, draw.sample(s).detached(), fixed);
            NDArray logWeights = draw.perPair(first.logWeights()).stopGradient(); // (n, K)
            NDArray normalised = logWeights.sub(Losses.logSumExp(logWeights, 1).expandDims(1)).exp(); // w̃, (n, K)
            // Pair by pair, as the rows of z: each sample passes w̃ times its gradient on to the encoders.
            ImportanceSamples.Weights second = draw.logWeights(s, draw.sample(s).passing(normalised.reshape(-1, 1)), fixed);
            surrogates.add(draw.perPair(second.logWeights()).mul(normalised).sum(new int[] {1}).neg());
            bounds.add(Losses.iwaeBound(logWeights).neg());
            reconstructions.add(draw.perPair(first.reconstruction()).mean(new int[] {1}).stopGradient());
            kls.add(draw.perPair(first.kl()).mean(new int[] {1}).stopGradient());
        }
        NDArray surrogate = ImportanceWeighted.combine(posterior, surrogates);
        // The bound's value with the surrogate's gradient.
        NDArray total = surrogate.sub(surrogate.stopGradient()).add(ImportanceWeighted.combine(posterior, bounds));
        return LossTerms.elbo(ImportanceWeighted.combine(posterior, reconstructions), ImportanceWeighted.combine(posterior, kls), total);
    }

    @Override
    public String tag() {
        return "-dreg" + samples;
    }

    @Override
    public String key() {
        return "dreg(k=" + samples + ")";
    }
}
