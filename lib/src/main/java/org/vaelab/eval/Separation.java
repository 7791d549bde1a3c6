package org.vaelab.eval;

/**
 * How well a latent space separates the classes, measured on codes: the ratio of the spread between class
 * means to the spread within classes,
 * <pre>
 *   B = (1/K) Σ_k ‖μ_k − μ‖²,   W = (1/N) Σ_i ‖z_i − μ_{y_i}‖²,   separation = B / W
 * </pre>
 * (μ_k the mean code of class k, μ the mean of the class means). It does not change when every code is scaled
 * by the same factor, so a loss that shrinks the whole latent space (the centre loss without a KL term) does not
 * score by shrinking alone.
 */
public final class Separation {
    private Separation() {
    }

    /** B / W for {@code codes} (one row per example) with class labels 0 … classes − 1. */
    public static double ratio(double[][] codes, int[] labels, int classes) {
        if (codes.length != labels.length || codes.length == 0) {
            throw new IllegalArgumentException("need one label per code, got " + codes.length + " codes and " + labels.length + " labels");
        }
        int d = codes[0].length;
        double[][] means = new double[classes][d];
        int[] counts = new int[classes];
        for (int i = 0; i < codes.length; i++) {
            counts[labels[i]]++;
            for (int j = 0; j < d; j++) {
                means[labels[i]][j] += codes[i][j];
            }
        }
        double[] centre = new double[d];
        int present = 0;
        for (int k = 0; k < classes; k++) {
            if (counts[k] == 0) {
                continue;
            }
            present++;
            for (int j = 0; j < d; j++) {
                means[k][j] /= counts[k];
                centre[j] += means[k][j];
            }
        }
        for (int j = 0; j < d; j++) {
            centre[j] /= present;
        }
        double between = 0;
        for (int k = 0; k < classes; k++) {
            if (counts[k] > 0) {
                between += squaredDistance(means[k], centre);
            }
        }
        between /= present;
        double within = 0;
        for (int i = 0; i < codes.length; i++) {
            within += squaredDistance(codes[i], means[labels[i]]);
        }
        within /= codes.length;
        return between / within;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return sum;
    }
}
