package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import org.vaelab.loss.Losses;
import org.vaelab.model.Experts;

import java.util.function.BiFunction;

import static org.vaelab.exercise.Inputs.array;
import static org.vaelab.exercise.Inputs.constant;
import static org.vaelab.exercise.Inputs.normal;
import static org.vaelab.exercise.Inputs.size;
import static org.vaelab.exercise.Inputs.uniform;

/** Lab 05's exercises: the mixture of experts' log-density, and MMVAE's Laplace likelihood. */
final class Lab05 {
    private Lab05() {
    }

    // ---- 05.1 ----

    /** z (n, d) and V experts stacked as (V, n, d). */
    private static Checker.Run<Function3<NDArray, NDArray, NDArray, NDArray>> points(float[] z, float[] mus, float[] logVars,
                                                                                     long v, long n, long d) {
        return (f, m) -> Answer.of(f.apply(array(m, z, n, d), array(m, mus, v, n, d), array(m, logVars, v, n, d)));
    }

    private static Checker.Run<Function3<NDArray, NDArray, NDArray, NDArray>> points(long seed, long v, long n, long d) {
        int count = (int) size(v, n, d);
        return points(normal(seed, (int) (n * d), 0, 1.5), normal(seed + 1, count, 0, 1.5), normal(seed + 2, count, 0, 1), v, n, d);
    }

    /** log (1/V) Σ_v exp(log N(z; μ_v, σ_v²)) summed naively: exp of each expert's log-density, then the log. */
    private static NDArray naive(NDArray z, NDArray mus, NDArray logVars) {
        return Losses.logNormal(z.expandDims(0), mus, logVars).exp().mean(new int[] {0}).log();
    }

    static Checker<Function3<NDArray, NDArray, NDArray, NDArray>> mixtureLogDensity() {
        // a point 40 units from both experts: each log N is about −800, whose exp is 0 in float32
        float[] far = {40f, -40f};
        float[] twoExperts = {0f, 0f, 1f, -1f};
        return new Checker<Function3<NDArray, NDArray, NDArray, NDArray>>("05.1", "Experts.mixtureLogDensity", Experts::mixtureLogDensity)
                .input("two experts (MNIST's and Fashion's) of a 4×3 batch, drawn at random", points(61, 2, 4, 3))
                .input("three experts of a 2×5 batch", points(64, 3, 2, 5))
                .input("one expert alone: the mixture is that Gaussian", points(67, 1, 3, 2))
                .input("a one-row batch (two experts, 1×20, lab 05's latent size)", points(70, 2, 1, 20))
                .input("a point 40 units from both experts (each log-density about −800)",
                        points(far, twoExperts, constant(4, 0), 2, 1, 2))
                .input("log σ² = ±10 (a very sharp and a very broad expert)",
                        points(normal(73, 6, 0, 1), normal(74, 12, 0, 1), new float[] {-10f, -10f, -10f, -10f, -10f, -10f, 10f, 10f, 10f, 10f, 10f, 10f},
                                2, 3, 2))
                .tolerance(1e-4, 1e-3)
                .shapeHint("One log-density per row of z: the log-normal of each expert sums over the latent dimensions (n per expert), "
                        + "then the mixture combines the V experts along axis 0, which leaves shape (n).")
                .mistake("−∞ for a point far from every expert: each exp(log N) underflows to 0 in float32 before the log. Combine the "
                                + "experts in the log domain, log Σ_v exp(a_v) = m + log Σ_v exp(a_v − m) with m = max_v a_v "
                                + "(Losses.logSumExp(a, 0) does it).",
                        Lab05::naive)
                .mistake("the mixture's weights are 1/V: subtract log V after the log-sum-exp.",
                        (z, mus, lv) -> Losses.logSumExp(Losses.logNormal(z.expandDims(0), mus, lv), 0))
                .mistake("that is the product's log-density, Σ_v log N_v; a mixture sums the densities, not their logs.",
                        (z, mus, lv) -> Losses.logNormal(z.expandDims(0), mus, lv).sum(new int[] {0}))
                .mistake("logVar is log σ²: the Gaussian's log-density is −½ Σ_j [log 2π + log σ_j² + (z_j − μ_j)² / σ_j²].",
                        (z, mus, lv) -> Experts.mixtureLogDensity(z, mus, lv.mul(2)));
    }

    // ---- 05.2 ----

    private static Checker.Run<Function3<NDArray, NDArray, Float, NDArray>> pixels(float[] location, float[] x, float scale, long n, long d) {
        return (f, m) -> Answer.of(f.apply(array(m, location, n, d), array(m, x, n, d), scale));
    }

    static Checker<Function3<NDArray, NDArray, Float, NDArray>> laplaceNll() {
        return new Checker<Function3<NDArray, NDArray, Float, NDArray>>("05.2", "Losses.laplaceNll", Losses::laplaceNll)
                .input("a 4×6 batch, scale 0.75 (MMVAE's)", pixels(uniform(81, 24), uniform(82, 24), 0.75f, 4, 6))
                .input("a one-row batch of 784 pixels (an MNIST image), scale 0.75", pixels(uniform(83, 784), uniform(84, 784), 0.75f, 1, 784))
                .input("a perfect reconstruction, x = μ: only the normaliser D·log 2b is left",
                        pixels(new float[] {0.2f, 0.9f, 0f, 1f}, new float[] {0.2f, 0.9f, 0f, 1f}, 0.75f, 2, 2))
                .input("scale 0.5, where log 2b = 0", pixels(uniform(85, 12), uniform(86, 12), 0.5f, 3, 4))
                .input("scale 0.01, a very sharp Laplace", pixels(uniform(87, 8), uniform(88, 8), 0.01f, 2, 4))
                .tolerance(1e-4, 1e-3)
                .shapeHint("One loss per row: sum over the pixels only, .sum(new int[] {1}), which leaves shape (n).")
                .mistake("the normaliser is missing: each pixel also costs log 2b, D·log 2b per row (its sign flips below b = ½).",
                        (mu, x, b) -> x.sub(mu).abs().sum(new int[] {1}).div(b))
                .mistake("the absolute error is divided by the scale b: Σ_j |x_j − μ_j| / b.",
                        (mu, x, b) -> Losses.laplaceNll(mu, x, b).sub(x.sub(mu).abs().sum(new int[] {1}).mul(1 / b - 1)))
                .mistake("that is the squared error, the Gaussian's; the Laplace's is the absolute error |x − μ|.",
                        (mu, x, b) -> x.sub(mu).square().sum(new int[] {1}).div(b).add(x.getShape().get(1) * Math.log(2.0 * b)))
                .mistake("the normaliser of one pixel is log 2b, not log b.",
                        (mu, x, b) -> x.sub(mu).abs().sum(new int[] {1}).div(b).add(x.getShape().get(1) * Math.log(b)));
    }
}
