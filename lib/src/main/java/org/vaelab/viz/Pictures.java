package org.vaelab.viz;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.vaelab.data.ImageSet;
import org.vaelab.eval.Swaps;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;
import org.vaelab.sample.Noise;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** What a trained VAE does, as pictures: reconstructions, samples from the prior, the latent manifold. */
public final class Pictures {
    private Pictures() {
    }

    /** The first test image of each class, one per column (the images the labs reconstruct). */
    public static int[] onePerClass(ImageSet set) {
        int[][] byClass = set.indicesByClass();
        int[] chosen = new int[byClass.length];
        for (int k = 0; k < byClass.length; k++) {
            chosen[k] = byClass[k][0];
        }
        return chosen;
    }

    /** Originals (top row) and each model's reconstruction through its posterior mean (a row per model). */
    public static BufferedImage reconstructions(ImageSet set, int[] indices, List<Vae> models, List<String> labels) {
        List<BufferedImage> rows = new ArrayList<>();
        List<String> rowLabels = new ArrayList<>();
        rows.add(ImageGrid.of(set, indices, indices.length, 2));
        rowLabels.add("original");
        try (NDManager manager = NDManager.newBaseManager(models.get(0).device())) {
            NDArray x = set.toFloats(manager, indices);
            for (int m = 0; m < models.size(); m++) {
                rows.add(grid(models.get(m).config(), models.get(m).reconstruct(x).toFloatArray(), indices.length, indices.length, 2, 1));
                rowLabels.add(labels.get(m));
            }
        }
        return ImageGrid.labelledRows(rows, rowLabels);
    }

    /** {@code count} images decoded from z ~ N(0, I), drawn from {@code seed}. */
    public static BufferedImage samples(Vae vae, int count, int columns, long seed) {
        Noise.seedEngine(seed);
        try (NDManager manager = NDManager.newBaseManager(vae.device())) {
            NDArray z = manager.randomNormal(new Shape(count, vae.config().latent()));
            return grid(vae.config(), vae.decode(z).toFloatArray(), count, columns, 2, 1);
        }
    }

    /**
     * The learned manifold of a 2-dimensional latent: decode z on a steps × steps grid of equally
     * spaced values in [−limit, limit]², z₁ left to right and z₂ bottom to top, as one seamless picture
     * (20 × 20 MNIST digits make 560 × 560 pixels).
     */
    public static BufferedImage manifold(Vae vae, int steps, double limit) {
        VaeConfig config = vae.config();
        if (config.latent() != 2) {
            throw new IllegalArgumentException("a manifold picture needs a 2-dimensional latent; this model has " + config.latent());
        }
        float[] z = new float[steps * steps * 2];
        for (int row = 0; row < steps; row++) {
            for (int col = 0; col < steps; col++) {
                int i = row * steps + col;
                z[2 * i] = (float) (-limit + 2 * limit * col / (steps - 1));
                z[2 * i + 1] = (float) (limit - 2 * limit * row / (steps - 1));
            }
        }
        try (NDManager manager = NDManager.newBaseManager(vae.device())) {
            float[] decoded = vae.decode(manager.create(z, new Shape((long) steps * steps, 2))).toFloatArray();
            return grid(config, decoded, steps * steps, steps, 1, 0);
        }
    }

    /**
     * Latent traversals: encode one image, then vary one latent dimension at a time over
     * [−limit, limit] in {@code steps} steps, the others held at μ(x); one row per dimension.
     */
    public static BufferedImage traversals(Vae vae, ImageSet set, int index, int dimensions, int steps, double limit) {
        VaeConfig config = vae.config();
        int dims = Math.min(dimensions, config.latent());
        try (NDManager manager = NDManager.newBaseManager(vae.device())) {
            float[] mu = vae.encode(set.toFloats(manager, new int[] {index})).get(0).toFloatArray();
            float[] z = new float[dims * steps * config.latent()];
            for (int d = 0; d < dims; d++) {
                for (int s = 0; s < steps; s++) {
                    int row = d * steps + s;
                    System.arraycopy(mu, 0, z, row * config.latent(), config.latent());
                    z[row * config.latent() + d] = (float) (-limit + 2 * limit * s / (steps - 1));
                }
            }
            float[] decoded = vae.decode(manager.create(z, new Shape((long) dims * steps, config.latent()))).toFloatArray();
            List<BufferedImage> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            int size = config.inputSize();
            for (int d = 0; d < dims; d++) {
                float[] row = java.util.Arrays.copyOfRange(decoded, d * steps * size, (d + 1) * steps * size);
                rows.add(grid(config, row, steps, steps, 2, 1));
                labels.add("z" + (d + 1) + ": −" + limit + " … " + limit);
            }
            return ImageGrid.labelledRows(rows, labels);
        }
    }

    /** Decoded latent codes (rows of {@code codes}), as one row of images. */
    public static BufferedImage decoded(Vae vae, double[][] codes, int columns) {
        try (NDManager manager = NDManager.newBaseManager(vae.device())) {
            NDArray z = org.vaelab.judge.GeneratedImages.codes(manager, codes);
            return grid(vae.config(), vae.decode(z).toFloatArray(), codes.length, columns, 2, 1);
        }
    }

    /**
     * Lab 07's picture of a fine-tuning curve: the source images on top, then, for each number of
     * pairs N, the fine-tuned decoder's images of the same codes (the source encoder's means), under
     * a title that names the swap.
     */
    public static BufferedImage fineTuned(ImageSet source, int[] shown, double[][] codes, Swaps.Curve curve, String title) {
        List<BufferedImage> rows = new ArrayList<>(List.of(ImageGrid.of(source, shown, shown.length, 2)));
        List<String> labels = new ArrayList<>(List.of(source.name()));
        for (int i = 0; i < curve.pairCounts().length; i++) {
            rows.add(decoded(curve.decoders().get(i), codes, shown.length));
            labels.add("N = " + curve.pairCounts()[i]);
        }
        return ImageGrid.titled(ImageGrid.labelledRows(rows, labels), title);
    }

    private static BufferedImage grid(VaeConfig config, float[] values, int n, int columns, int scale, int gap) {
        return ImageGrid.ofFloats(values, n, config.channels(), config.height(), config.width(), columns, scale, gap);
    }
}
