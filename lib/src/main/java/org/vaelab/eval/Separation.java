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
        Means means = means(codes, labels, classes);
        return ratio(codes, means.own(), means.present());
    }

    /**
     * B / W from the codes, each code's class mean {@code own[i]} = μ_{y_i}, and the means of the classes present
     * ({@code present}, one row per class that has codes): the formula above once the means are known.
     */
    public static double ratio(double[][] codes, double[][] own, double[][] present) {
        int d = codes[0].length;
        double[] centre = new double[d];
        for (double[] mean : present) {
            for (int j = 0; j < d; j++) {
                centre[j] += mean[j];
            }
        }
        for (int j = 0; j < d; j++) {
            centre[j] /= present.length;
        }
        double between = 0;
        for (double[] mean : present) {
            between += squaredDistance(mean, centre);
        }
        between /= present.length;
        double within = 0;
        for (int i = 0; i < codes.length; i++) {
            within += squaredDistance(codes[i], own[i]);
        }
        within /= codes.length;
        return between / within;
    }

    /** The class means of codes: each code's own ({@code own}, one row per code) and those of the classes present, in class order. */
    public record Means(double[][] own, double[][] present) {
    }

    /** The mean code of each class present, and each code's class mean. */
    public static Means means(double[][] codes, int[] labels, int classes) {
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
        java.util.List<double[]> present = new java.util.ArrayList<>();
        for (int k = 0; k < classes; k++) {
            if (counts[k] == 0) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                means[k][j] /= counts[k];
            }
            present.add(means[k]);
        }
        double[][] own = new double[codes.length][];
        for (int i = 0; i < codes.length; i++) {
            own[i] = means[labels[i]];
        }
        return new Means(own, present.toArray(double[][]::new));
    }

    private static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return sum;
    }
}
