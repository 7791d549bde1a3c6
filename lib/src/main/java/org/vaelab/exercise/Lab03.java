package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import org.vaelab.eval.LatentCodes;
import org.vaelab.loss.Losses;

import java.util.function.BiFunction;
import java.util.function.Function;

import static org.vaelab.exercise.Inputs.array;
import static org.vaelab.exercise.Inputs.rows;
import static org.vaelab.exercise.Inputs.constant;
import static org.vaelab.exercise.Inputs.normal;

/** Lab 03's exercises: the activity of each latent dimension (active units), and the MMD estimate with the Gaussian kernel. */
final class Lab03 {
    private Lab03() {
    }

    // ---- 03.1 ----

    /** The library's activity of each latent dimension, Cov_x(E_q[z_d|x]) (LatentCodes.variances), as an array (d). */
    private static NDArray libraryVariances(NDArray means) {
        double[] variances = LatentCodes.variances(rows(means));
        float[] values = new float[variances.length];
        for (int j = 0; j < values.length; j++) {
            values[j] = (float) variances[j];
        }
        return means.getManager().create(values);
    }

    /** n posterior means of d dimensions, dimension j drawn with standard deviation scales[j] around offset. */
    private static Checker.Run<Function<NDArray, NDArray>> means(long seed, int n, double offset, double... scales) {
        int d = scales.length;
        float[] values = normal(seed, n * d, 0, 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                values[i * d + j] = (float) (offset + scales[j] * values[i * d + j]);
            }
        }
        return (f, m) -> Answer.of(f.apply(array(m, values, n, d)));
    }

    static Checker<Function<NDArray, NDArray>> latentVariances() {
        return new Checker<Function<NDArray, NDArray>>("03.1", "LatentCodes.variances (Burda et al.'s activity of each unit)",
                Lab03::libraryVariances)
                .input("200 codes of 6 dimensions, three of them active (spread 1, 0.5, 0.2) and three nearly constant",
                        means(111, 200, 0, 1, 0.5, 0.2, 0.05, 0.01, 0.001))
                .input("2 codes of 3 dimensions", means(113, 2, 0, 1, 2, 3))
                .input("50 codes of one dimension", means(115, 50, 0, 0.7))
                .input("100 codes of 4 dimensions whose means sit around 30, far from 0", means(117, 100, 30, 1, 0.3, 0.1, 0.01))
                .tolerance(1e-3, 1e-6)
                .shapeHint("One value per latent dimension, shape (d): reduce over the images, axis 0.")
                .mistake("divide by n, the number of images, as the criterion does (the population variance), not by n − 1.",
                        z -> z.sub(z.mean(new int[] {0}, true)).square().sum(new int[] {0}).div(z.getShape().get(0) - 1))
                .mistake("that is the standard deviation; the criterion uses the variance, its square.",
                        z -> z.sub(z.mean(new int[] {0}, true)).square().mean(new int[] {0}).sqrt())
                .mistake("that is the mean of the squared codes, E[z²]; subtract each dimension's mean first: E[(z − E[z])²].",
                        z -> z.square().mean(new int[] {0}))
                .mistake("E[z²] − E[z]² loses the digits it needs in float32 when the codes sit far from 0 (their squares are large and "
                                + "nearly equal): subtract the mean first, then square.",
                        z -> z.square().mean(new int[] {0}).sub(z.mean(new int[] {0}).square()));
    }

    // ---- 03.2 ----

    /** A variant of the MMD estimate, for the mistakes: kernel scale c·d, with or without the diagonal, cross weight, squared or not. */
    private static NDArray mmd(NDArray x, NDArray y, double scalePerDimension, boolean unbiased, double crossWeight, boolean squared) {
        long n = x.getShape().get(0);
        long m = y.getShape().get(0);
        double c = scalePerDimension * x.getShape().get(1);
        NDArray kxx = kernel(x, x, c, squared);
        NDArray kyy = kernel(y, y, c, squared);
        NDArray kxy = kernel(x, y, c, squared);
        NDArray xx = unbiased ? kxx.sum().sub(n).div(n * (n - 1)) : kxx.sum().div(n * n);
        NDArray yy = unbiased ? kyy.sum().sub(m).div(m * (m - 1)) : kyy.sum().div(m * m);
        return xx.add(yy).sub(kxy.sum().mul(crossWeight / (n * m)));
    }

    private static NDArray kernel(NDArray a, NDArray b, double c, boolean squared) {
        NDArray d2 = a.expandDims(1).sub(b.expandDims(0)).square().sum(new int[] {2});
        return (squared ? d2 : d2.sqrt()).div(-c).exp();
    }

    private static Checker.Run<BiFunction<NDArray, NDArray, NDArray>> samples(float[] x, long n, float[] y, long m, long d) {
        return (f, manager) -> Answer.of(f.apply(array(manager, x, n, d), array(manager, y, m, d)));
    }

    static Checker<BiFunction<NDArray, NDArray, NDArray>> mmd() {
        return new Checker<BiFunction<NDArray, NDArray, NDArray>>("03.2", "Losses.mmd with the RBF kernel",
                (x, y) -> Losses.mmd(x, y, Losses.MmdKernel.RBF, 1f))
                .input("8 codes of N(0.5, I) against 8 prior samples, latent 4",
                        samples(normal(111, 32, 0.5, 1), 8, normal(112, 32, 0, 1), 8, 4))
                .input("5 codes against 7 prior samples, latent 2 (n ≠ m)", samples(normal(113, 10, -1, 0.5), 5, normal(114, 14, 0, 1), 7, 2))
                .input("one latent dimension, 6 against 6", samples(normal(115, 6, 0, 2), 6, normal(116, 6, 0, 1), 6, 1))
                .input("codes from the prior itself, 10 against 10, latent 3",
                        samples(normal(117, 30, 0, 1), 10, normal(118, 30, 0, 1), 10, 3))
                .input("codes far from the prior (shifted by 10), 6 against 6, latent 2",
                        samples(normal(119, 12, 10, 1), 6, normal(120, 12, 0, 1), 6, 2))
                .input("two codes against two prior samples, the smallest sample for the unbiased estimate",
                        samples(new float[] {0.5f, -1f, 2f, 0.3f}, 2, new float[] {0f, 0.2f, -0.7f, 1.1f}, 2, 2))
                .tolerance(1e-3, 2e-5)
                .shapeHint("The estimate is one number for the two samples: sum the kernel matrices whole, .sum().")
                .mistake("the within-sample sums leave out i = j and divide by n(n−1): that is the unbiased estimate. "
                                + "With the diagonal, each k(z_i, z_i) = 1 adds to the sum.",
                        (x, y) -> mmd(x, y, 2, false, 2, true))
                .mistake("the kernel's scale is C = 2d (d the latent size): k(a, b) = exp(−‖a − b‖² / (2d)).",
                        (x, y) -> mmd(x, y, 1, true, 2, true))
                .mistake("the kernel divides the squared distance by C = 2d: k(a, b) = exp(−‖a − b‖² / (2d)).",
                        (x, y) -> mmd(x, y, 1.0 / x.getShape().get(1), true, 2, true))
                .mistake("the kernel takes the squared distance ‖a − b‖², not the distance.",
                        (x, y) -> mmd(x, y, 2, true, 2, false))
                .mistake("the cross term counts twice: − (2/(nm)) Σ_{i,j} k(z_i, z̃_j).",
                        (x, y) -> mmd(x, y, 2, true, 1, true));
    }
}
