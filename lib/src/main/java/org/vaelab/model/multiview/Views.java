package org.vaelab.model.multiview;

import ai.djl.ndarray.NDArray;
import org.vaelab.model.Likelihood;

import static org.vaelab.nn.Constants.times;

/** The two views of a batch, their likelihoods and their weights λ_v: what every objective reconstructs. */
public record Views(NDArray[] x, Likelihood[] likelihoods, float[] weights) {
    /** λ_u · (−log p(x_u | decoded)) for view u's raw decoder output {@code decoded}, rows matching {@code targets}. */
    public NDArray weightedNll(int u, NDArray decoded, NDArray targets) {
        return times(likelihoods[u].negativeLogLikelihood(decoded, targets), weights[u]);
    }

    /** Σ_{v ∈ reconstructed} λ_v · (−log p(x_v | z)) for the sample of subset {@code s}. */
    public NDArray reconstruction(MultiViewOutput out, int s, int[] reconstructed) {
        NDArray sum = null;
        for (int v : reconstructed) {
            NDArray nll = weightedNll(v, out.subsets().get(s).decoded(v), x[v]);
            sum = sum == null ? nll : sum.add(nll);
        }
        return sum;
    }
}
