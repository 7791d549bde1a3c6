package org.vaelab.eval;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.vaelab.data.Batch;
import org.vaelab.data.Batches;
import org.vaelab.data.ImageSet;
import org.vaelab.data.PairedViews;
import org.vaelab.loss.Losses;
import org.vaelab.model.LossTerms;
import org.vaelab.model.MultiViewVae;
import org.vaelab.model.Vae;

import java.util.function.Function;

/** Test-set estimates of a trained VAE: the ELBO with its terms, and the importance-weighted bound. */
public final class Evaluation {
    private Evaluation() {
    }

    /**
     * The ELBO terms averaged over {@code set}, one z sample per image, drawn from {@code seed}.
     * Whatever the model was trained to minimise (β-weighted KL, MMD, centre loss), this is the
     * plain −ELBO = reconstruction + KL, so models trained differently are compared on one scale.
     */
    public static ElboEstimate elbo(Vae vae, ImageSet set, long seed) {
        return average(vae.device(), manager -> Batches.of(set, 500, seed, 0, false, manager),
                batch -> vae.evaluate(batch.x()), set.size(), seed);
    }

    /** The two-view objective's terms averaged over test pairs, one sample per term, from {@code seed}. */
    public static ElboEstimate elbo(MultiViewVae vae, PairedViews pairs, long seed) {
        return average(vae.model().getNDManager().getDevice(), manager -> Batches.of(pairs, 500, seed, 0, false, manager),
                batch -> vae.evaluate(batch.x(0), batch.x(1)), pairs.size(), seed);
    }

    /** Reconstruction and KL summed over every batch, per item; −ELBO is their sum. */
    private static ElboEstimate average(Device device, Function<NDManager, Batches> batches, Function<Batch, LossTerms> evaluate,
                                        int n, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        double reconstruction = 0;
        double kl = 0;
        try (NDManager manager = NDManager.newBaseManager(device)) {
            for (Batch batch : batches.apply(manager)) {
                try (batch) {
                    LossTerms terms = evaluate.apply(batch);
                    float[] sums = Readback.sums(terms.reconstruction(), terms.kl());
                    reconstruction += sums[0];
                    kl += sums[1];
                }
            }
        }
        return new ElboEstimate((reconstruction + kl) / n, reconstruction / n, kl / n, n);
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
        Engine.getInstance().setRandomSeed((int) seed);
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
                    NDArray z = mu.add(logVar.mul(0.5).exp().mul(batch.manager().randomNormal(mu.getShape())));
                    NDArray logLikelihood = vae.config().likelihood().negativeLogLikelihood(vae.decodeRaw(z), x.repeat(0, k)).neg();
                    NDArray logWeights = logLikelihood.add(Losses.logStandardNormal(z)).sub(Losses.logNormal(z, mu, logVar));
                    NDArray bound = Losses.logSumExp(logWeights.reshape(n, k), 1).sub(Math.log(k));
                    sum += bound.sum().getFloat();
                }
            }
        }
        return -sum / set.size();
    }
}
