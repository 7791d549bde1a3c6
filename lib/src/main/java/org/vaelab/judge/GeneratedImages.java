package org.vaelab.judge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Numbers for generated images, so that pictures are not the only evidence: how often a classifier
 * agrees with the class a sample was meant to have, and how different the samples are from each other.
 */
public final class GeneratedImages {
    private GeneratedImages() {
    }

    /** The fraction of {@code images} (n, pixels) that {@code judge} assigns to {@code intended}. */
    public static double agreement(Classifier judge, NDArray images, int intended) {
        int[] predicted = judge.predict(images);
        int agree = 0;
        for (int p : predicted) {
            agree += p == intended ? 1 : 0;
        }
        return agree / (double) predicted.length;
    }

    /**
     * Diversity: the mean Euclidean distance between two different images of the set, in pixel
     * space with values in [0, 1]. Identical samples give 0; real test digits of one class give
     * about 9 (MNIST), which is the scale to compare with.
     */
    public static double meanPairwiseDistance(NDArray images) {
        long n = images.getShape().get(0);
        if (n < 2) {
            throw new IllegalArgumentException("diversity needs at least two images, got " + n);
        }
        NDArray squaredNorms = images.square().sum(new int[] {1}, true);
        NDArray squared = squaredNorms.add(squaredNorms.transpose()).sub(images.matMul(images.transpose()).mul(2)).maximum(0f);
        // The diagonal is 0, so the sum over all pairs equals the sum over i ≠ j.
        return squared.sqrt().sum().getFloat() / (n * (n - 1));
    }

    /** Floats of shape (n, d) from Java rows, for decoding sampled codes. */
    public static NDArray codes(NDManager manager, double[][] rows) {
        int d = rows[0].length;
        float[] flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                flat[i * d + j] = (float) rows[i][j];
            }
        }
        return manager.create(flat, new Shape(rows.length, d));
    }
}
