package org.vaelab.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.vaelab.data.Batch;
import org.vaelab.data.Batches;
import org.vaelab.data.ImageSet;
import org.vaelab.model.Vae;

import java.util.function.Function;

/**
 * A VAE's posterior means E_q[z|x] of a set of images, and what they say about the code: how many of its
 * dimensions the encoder uses (active units) and how much of the label a linear read-out finds.
 */
public final class LatentCodes {
    /** Burda et al. (2016): a unit is active when Cov_x(E_q[z_d|x]) exceeds 10⁻². */
    public static final double ACTIVE_THRESHOLD = 1e-2;

    private LatentCodes() {
    }

    /** The posterior means μ(x), one row per image of {@code set}, in its order. */
    public static double[][] means(Vae vae, ImageSet set) {
        try (NDManager manager = NDManager.newBaseManager(vae.device())) {
            return rows(set.size(), vae.config().latent(), Batches.of(set, 1000, 0, 0, false, manager), batch -> vae.encode(batch.x()).get(0));
        }
    }

    /** One row of {@code latent} values per example, in the examples' order, from each batch's (n, latent) codes. */
    static double[][] rows(int size, int latent, Iterable<Batch> batches, Function<Batch, NDArray> encode) {
        double[][] codes = new double[size][latent];
        for (Batch batch : batches) {
            try (batch) {
                int[] order = batch.indices();
                float[] mu = encode.apply(batch).toFloatArray();
                for (int i = 0; i < order.length; i++) {
                    for (int j = 0; j < latent; j++) {
                        codes[order[i]][j] = mu[i * latent + j];
                    }
                }
            }
        }
        return codes;
    }

    /** Each dimension's variance of the means across the images: Cov_x(E_q[z_d|x]). */
    public static double[] variances(double[][] means) {
        int d = means.length == 0 ? 0 : means[0].length;
        double[] mean = new double[d];
        double[] variance = new double[d];
        for (double[] row : means) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / means.length;
            }
        }
        for (double[] row : means) {
            for (int j = 0; j < d; j++) {
                variance[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / means.length;
            }
        }
        return variance;
    }

    /** The number of active units: dimensions whose variance of the means exceeds {@value #ACTIVE_THRESHOLD}. */
    public static int activeUnits(double[][] means) {
        int active = 0;
        for (double v : variances(means)) {
            active += v > ACTIVE_THRESHOLD ? 1 : 0;
        }
        return active;
    }

    public static int[] labels(ImageSet set) {
        int[] labels = new int[set.size()];
        java.util.Arrays.setAll(labels, set::label);
        return labels;
    }
}
