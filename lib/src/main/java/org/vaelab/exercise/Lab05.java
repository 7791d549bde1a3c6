package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.vaelab.loss.Losses;
import org.vaelab.model.Experts;

import java.util.function.BiFunction;

import static org.vaelab.exercise.Inputs.array;
import static org.vaelab.exercise.Inputs.constant;
import static org.vaelab.exercise.Inputs.normal;
import static org.vaelab.exercise.Inputs.size;
import static org.vaelab.exercise.Inputs.uniform;

/** Lab 05's exercises: the mixture of products' subset posteriors, and MMVAE's Laplace likelihood. */
final class Lab05 {
    private Lab05() {
    }

    // ---- 05.1 ----

    private static final String[] SUBSET_PARTS = {"μ of the subsets {1}, {2}, {1, 2}", "log σ² of the subsets {1}, {2}, {1, 2}"};

    /** The library's subset posteriors: Experts.productOfExperts over each subset's experts (the prior included), stacked. */
    static NDList librarySubsets(NDArray mus, NDArray logVars) {
        NDList first = Experts.productOfExperts(mus.get("0:1"), logVars.get("0:1"));
        NDList second = Experts.productOfExperts(mus.get("1:2"), logVars.get("1:2"));
        NDList both = Experts.productOfExperts(mus, logVars);
        return new NDList(NDArrays.stack(new NDList(first.get(0), second.get(0), both.get(0))),
                NDArrays.stack(new NDList(first.get(1), second.get(1), both.get(1))));
    }

    /** The subsets with one step changed, for the mistakes: the prior left out, variances added, the mean unweighted. */
    private static NDList subsets(NDArray mus, NDArray logVars, double priorPrecision, boolean varianceAdds, boolean plainMean) {
        NDArray precision = logVars.neg().exp();
        NDArray p1 = precision.get(0);
        NDArray p2 = precision.get(1);
        NDArray t = NDArrays.stack(new NDList(p1.add(priorPrecision), p2.add(priorPrecision), p1.add(p2).add(priorPrecision)));
        NDArray weighted = NDArrays.stack(new NDList(mus.get(0).mul(p1), mus.get(1).mul(p2), mus.get(0).mul(p1).add(mus.get(1).mul(p2))));
        NDArray mu = plainMean ? NDArrays.stack(new NDList(mus.get(0), mus.get(1), mus.get(0).add(mus.get(1)).div(2))) : weighted.div(t);
        NDArray logVar = varianceAdds
                ? NDArrays.stack(new NDList(logVars.get(0).exp().add(1), logVars.get(1).exp().add(1), logVars.get(0).exp().add(logVars.get(1).exp()).add(1))).log()
                : t.log().neg();
        return new NDList(mu, logVar);
    }

    /** Two experts (MNIST's and the other view's) of an n×d batch, stacked as (2, n, d). */
    private static Checker.Run<BiFunction<NDArray, NDArray, NDList>> experts(float[] mus, float[] logVars, long n, long d) {
        return (f, m) -> Answer.of(SUBSET_PARTS, f.apply(array(m, mus, 2, n, d), array(m, logVars, 2, n, d)));
    }

    private static Checker.Run<BiFunction<NDArray, NDArray, NDList>> experts(long seed, long n, long d) {
        int count = (int) size(2, n, d);
        return experts(normal(seed, count, 0, 1.5), normal(seed + 1, count, 0, 1), n, d);
    }

    static Checker<BiFunction<NDArray, NDArray, NDList>> subsetPosteriors() {
        float[] certainAndIgnorant = {-30f, -30f, -30f, 30f, 30f, 30f};
        return new Checker<BiFunction<NDArray, NDArray, NDList>>("05.1", "Experts.productOfExperts over each subset", Lab05::librarySubsets)
                .input("two experts of a 4×3 batch, drawn at random", experts(61, 4, 3))
                .input("a one-row batch of lab 05's latent size, 1×20", experts(64, 1, 20))
                .input("a certain first expert (log σ² = −30) and an ignorant second (log σ² = +30)",
                        experts(normal(67, 6, 0, 1.5), certainAndIgnorant, 1, 3))
                .input("both experts N(0, 1), as the prior", experts(constant(8, 0), constant(8, 0), 2, 2))
                .tolerance(1e-4, 1e-4)
                .shapeHint("Return new NDList(mu, logVar), each (3, n, d): the subsets {1}, {2}, {1, 2} stacked along a new first axis "
                        + "(NDArrays.stack).")
                .mistake("the prior N(0, I) is an expert of every subset too: its precision 1 adds to T, T = 1 + Σ_{v∈S} σ_v⁻².",
                        (mus, lv) -> subsets(mus, lv, 0, false, false))
                .mistake("precisions add, not variances: T = 1 + Σ_{v∈S} σ_v⁻², and σ_S² = 1/T.",
                        (mus, lv) -> subsets(mus, lv, 1, true, false))
                .mistake("the joint mean weighs each expert by its precision, μ_S = (Σ_{v∈S} σ_v⁻² μ_v) / T, not the plain average.",
                        (mus, lv) -> subsets(mus, lv, 1, false, true))
                .mistake("log σ² of the joint is −log T (σ² = 1/T), not log T.",
                        (mus, lv) -> {
                            NDList right = librarySubsets(mus, lv);
                            return new NDList(right.get(0), right.get(1).neg());
                        });
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
