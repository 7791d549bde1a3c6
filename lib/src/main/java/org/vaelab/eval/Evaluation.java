package org.vaelab.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.vaelab.data.Batch;
import org.vaelab.data.Batches;
import org.vaelab.data.ImageSet;
import org.vaelab.data.PairedViews;
import org.vaelab.loss.Gaussian;
import org.vaelab.loss.Losses;
import org.vaelab.model.Vae;
import org.vaelab.model.multiview.MultiViewVae;
import org.vaelab.sample.Noise;
import org.vaelab.train.ElboEstimate;

/** Test-set estimates of a trained VAE: the ELBO with its terms, and the importance-weighted bound. */
public final class Evaluation {
    private Evaluation() {
    }

    /** The plain −ELBO and its terms, averaged over {@code set} ({@link ElboEstimate#of(Vae, ImageSet, long)}). */
    public static ElboEstimate elbo(Vae vae, ImageSet set, long seed) {
        return ElboEstimate.of(vae, set, seed);
    }

    /** The two-view objective's terms, averaged over test pairs ({@link ElboEstimate#of(MultiViewVae, PairedViews, long)}). */
    public static ElboEstimate elbo(MultiViewVae vae, PairedViews pairs, long seed) {
        return ElboEstimate.of(vae, pairs, seed);
    }

    /**
     * The importance-weighted bound (Burda et al.) on log p(x) with k samples, averaged over
     * {@code set} and negated, so it reads like the loss: −log p(x) ≤ IWAE_k ≤ −ELBO, tighter as k grows.
     * <pre>
     *   log p(x) ≥ log (1/k) Σ_i p_θ(x|z_i) p(z_i) / q_φ(z_i|x),   z_i ~ q_φ(z|x)
     * </pre>
     */
    public static double iwae(Vae vae, ImageSet set, int k, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("IWAE needs at least one sample, got k = " + k);
        }
        Noise.seedEngine(seed);
        int batchSize = Math.max(1, 20_000 / k); // about 20,000 decoded images per step
        double sum = 0;
        try (NDManager manager = NDManager.newBaseManager(vae.device())) {
            for (Batch batch : Batches.of(set, batchSize, seed, 0, false, manager)) {
                try (batch) {
                    NDArray x = batch.x();
                    int n = batch.size();
                    NDList q = vae.encode(x);
                    NDArray mu = q.get(0).repeat(0, k);
                    NDArray logVar = q.get(1).repeat(0, k);
                    NDArray z = Gaussian.reparameterize(mu, logVar);
                    NDArray logLikelihood = vae.config().likelihood().negativeLogLikelihood(vae.decodeRaw(z), x.repeat(0, k)).neg();
                    NDArray logWeights = logLikelihood.add(Losses.logStandardNormal(z)).sub(Losses.logNormal(z, mu, logVar));
                    NDArray bound = Losses.iwaeBound(logWeights.reshape(n, k));
                    sum += bound.sum().getFloat();
                }
            }
        }
        return -sum / set.size();
    }
}
