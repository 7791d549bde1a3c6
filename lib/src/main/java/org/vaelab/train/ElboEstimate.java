package org.vaelab.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.vaelab.data.Batch;
import org.vaelab.data.Batches;
import org.vaelab.data.ImageSet;
import org.vaelab.data.PairedViews;
import org.vaelab.model.LossTerms;
import org.vaelab.model.Vae;
import org.vaelab.model.multiview.MultiViewVae;
import org.vaelab.sample.Noise;

import java.util.function.Function;

/** Averages per image over a dataset: −ELBO (the loss), its reconstruction term and its KL term, in nats. */
public record ElboEstimate(double loss, double reconstruction, double kl, int images) {
    /**
     * The ELBO terms averaged over {@code set}, one z sample per image, drawn from {@code seed}.
     * Whatever the model was trained to minimise (β-weighted KL, MMD, centre loss), this is the
     * plain −ELBO = reconstruction + KL, so models trained differently are compared on one scale.
     */
    public static ElboEstimate of(Vae vae, ImageSet set, long seed) {
        return average(vae.device(), manager -> Batches.of(set, 500, seed, 0, false, manager),
                batch -> vae.evaluate(batch.x()), set.size(), seed);
    }

    /** The two-view objective's terms averaged over test pairs, one sample per term, from {@code seed}. */
    public static ElboEstimate of(MultiViewVae vae, PairedViews pairs, long seed) {
        return average(vae.device(), manager -> Batches.of(pairs, 500, seed, 0, false, manager),
                batch -> vae.evaluate(batch.x(0), batch.x(1)), pairs.size(), seed);
    }

    /** The three averages by name, as a history's test columns: loss, reconstruction, kl. */
    public java.util.Map<String, Double> terms() {
        java.util.Map<String, Double> terms = new java.util.LinkedHashMap<>();
        terms.put("loss", loss);
        terms.put("reconstruction", reconstruction);
        terms.put("kl", kl);
        return terms;
    }

    /**
     * Reconstruction and KL summed over every batch of {@code batches}, per item, with one z sample per
     * item drawn from {@code seed}; −ELBO is their sum, whatever total the model minimises.
     */
    private static ElboEstimate average(Device device, Function<NDManager, Batches> batches, Function<Batch, LossTerms> evaluate,
                                       int n, long seed) {
        Noise.seedEngine(seed);
        double reconstruction = 0;
        double kl = 0;
        try (NDManager manager = NDManager.newBaseManager(device)) {
            for (Batch batch : batches.apply(manager)) {
                try (batch) {
                    LossTerms terms = evaluate.apply(batch);
                    float[] sums = sums(terms.reconstruction(), terms.kl());
                    reconstruction += sums[0];
                    kl += sums[1];
                }
            }
        }
        return new ElboEstimate((reconstruction + kl) / n, reconstruction / n, kl / n, n);
    }

    /** Reads several sums back from the engine in one transfer (each transfer waits for the engine). */
    static float[] sums(NDArray... arrays) {
        NDList sums = new NDList();
        for (NDArray array : arrays) {
            sums.add(array.sum().reshape(1));
        }
        return NDArrays.concat(sums).toFloatArray();
    }
}
