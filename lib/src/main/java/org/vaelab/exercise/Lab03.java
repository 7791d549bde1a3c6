package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import org.vaelab.loss.Losses;
import org.vaelab.model.Elbo;
import org.vaelab.model.VaeOutput;

import java.util.function.BiFunction;

import static org.vaelab.exercise.Inputs.array;
import static org.vaelab.exercise.Inputs.constant;
import static org.vaelab.exercise.Inputs.normal;

/** Lab 03's exercises: the β-weighted loss, and the MMD estimate with the Gaussian kernel. */
final class Lab03 {
    private Lab03() {
    }

    // ---- 03.1 ----

    private static NDArray libraryLoss(NDArray reconstruction, NDArray mu, NDArray logVar, Float beta) {
        return new Elbo(beta).loss(new VaeOutput(null, mu, logVar, null, null), reconstruction).total();
    }

    private static Checker.Run<Function4<NDArray, NDArray, NDArray, Float, NDArray>> rows(long seed, long n, long latent, float beta) {
        float[] reconstruction = normal(seed, (int) n, 100, 15);
        return (f, m) -> Answer.of(f.apply(array(m, reconstruction, n), array(m, normal(seed + 1, (int) (n * latent), 0, 1), n, latent),
                array(m, normal(seed + 2, (int) (n * latent), -1, 1), n, latent), beta));
    }

    static Checker<Function4<NDArray, NDArray, NDArray, Float, NDArray>> betaVaeLoss() {
        return new Checker<Function4<NDArray, NDArray, NDArray, Float, NDArray>>("03.1", "Elbo(β) (the β-VAE's objective)",
                Lab03::libraryLoss)
                .input("β = 4 on a batch of 6 rows, latent 10, drawn at random", rows(91, 6, 10, 4f))
                .input("β = 0.5", rows(94, 5, 10, 0.5f))
                .input("β = 1, the plain VAE", rows(97, 5, 3, 1f))
                .input("β = 0, an autoencoder with no KL term", rows(100, 4, 2, 0f))
                .input("β = 8 on a one-row batch", rows(103, 1, 10, 8f))
                .shapeHint("One loss per row, shape (n): the reconstruction is already one value per row; the KL term sums over the "
                        + "latent dimensions only, .sum(new int[] {1}).")
                .mistake("β weighs the KL term, not the reconstruction: R(x) + β·KL.",
                        (r, mu, lv, beta) -> r.mul(beta).add(Losses.gaussianKl(mu, lv)))
                .mistake("your value is the plain −ELBO, R(x) + KL: multiply the KL term by β.",
                        (r, mu, lv, beta) -> r.add(Losses.gaussianKl(mu, lv)))
                .mistake("the KL term is multiplied by β, not divided by it.",
                        (r, mu, lv, beta) -> r.add(Losses.gaussianKl(mu, lv).div(beta)))
                .mistake("the KL term is added: R(x) + β·KL.",
                        (r, mu, lv, beta) -> r.sub(Losses.gaussianKl(mu, lv).mul(beta)))
                .mistake("your value is the weighted KL term alone: add the reconstruction term R(x).",
                        (r, mu, lv, beta) -> Losses.gaussianKl(mu, lv).mul(beta));
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
