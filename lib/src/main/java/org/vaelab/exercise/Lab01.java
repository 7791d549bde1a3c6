package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.vaelab.loss.Gaussian;
import org.vaelab.loss.Losses;
import org.vaelab.model.Experts;

import java.util.function.BiFunction;

import static org.vaelab.exercise.Inputs.array;
import static org.vaelab.exercise.Inputs.constant;
import static org.vaelab.exercise.Inputs.normal;
import static org.vaelab.exercise.Inputs.size;
import static org.vaelab.exercise.Inputs.uniform;

/** Lab 01's exercises: the closed-form KL, the reparameterisation, the Bernoulli loss from logits, the product of experts. */
final class Lab01 {
    private Lab01() {
    }

    // ---- 01.1 ----

    /** μ and log σ² of an (n, d) batch, given as arrays or drawn (μ ~ N(0, 1), log σ² ~ N(0, sd²)). */
    private static Checker.Run<BiFunction<NDArray, NDArray, NDArray>> klOf(float[] mu, float[] logVar, long n, long d) {
        return (f, m) -> Answer.of(f.apply(array(m, mu, n, d), array(m, logVar, n, d)));
    }

    static Checker<BiFunction<NDArray, NDArray, NDArray>> kl() {
        return new Checker<BiFunction<NDArray, NDArray, NDArray>>("01.1", "Losses.gaussianKl", Losses::gaussianKl)
                .input("a 6×4 batch of μ and log σ² drawn at random", klOf(normal(11, 24, 0, 1), normal(12, 24, 0, 1), 6, 4))
                .input("a 3×10 batch with log σ² spread wider", klOf(normal(13, 30, 0.5, 1), normal(14, 30, -0.5, 2), 3, 10))
                .input("a one-row batch (1×5)", klOf(normal(15, 5, 0, 1), normal(16, 5, 0, 1), 1, 5))
                .input("one latent dimension (4×1)", klOf(normal(17, 4, 0, 1), normal(18, 4, 0, 1), 4, 1))
                .input("μ = 0 and log σ² = 0, where q is the prior itself (KL = 0)", klOf(constant(6, 0), constant(6, 0), 2, 3))
                .input("log σ² = 30 (σ² ≈ 1.07·10¹³)", klOf(normal(19, 4, 0, 1), constant(4, 30), 2, 2))
                .input("log σ² = −30 (σ² ≈ 9.4·10⁻¹⁴)", klOf(normal(20, 4, 0, 1), constant(4, -30), 2, 2))
                .shapeHint("One KL per row: sum over the latent dimensions only, .sum(new int[] {1}), which leaves shape (n).")
                .mistake("your values are twice the expected ones: the factor ½ in front of the sum is missing.",
                        (mu, lv) -> lv.add(1).sub(mu.square()).sub(lv.exp()).sum(new int[] {1}).neg())
                .mistake("your values have the opposite sign: KL(q ‖ p) ≥ 0, and the formula is −½ Σ (1 + log σ² − μ² − σ²).",
                        (mu, lv) -> lv.add(1).sub(mu.square()).sub(lv.exp()).sum(new int[] {1}).mul(0.5))
                .mistake("logVar is log σ², not log σ: σ² = exp(logVar), not exp(2·logVar).",
                        (mu, lv) -> lv.add(1).sub(mu.square()).sub(lv.mul(2).exp()).sum(new int[] {1}).mul(-0.5))
                .mistake("exp(½·logVar) is σ; the formula needs σ² = exp(logVar).",
                        (mu, lv) -> lv.add(1).sub(mu.square()).sub(lv.mul(0.5).exp()).sum(new int[] {1}).mul(-0.5))
                .mistake("each latent dimension contributes a 1 inside the sum: your values are off by ½ per dimension.",
                        (mu, lv) -> lv.sub(mu.square()).sub(lv.exp()).sum(new int[] {1}).mul(-0.5))
                .mistake("sum over the latent dimensions: a mean divides by their number d.",
                        (mu, lv) -> lv.add(1).sub(mu.square()).sub(lv.exp()).mean(new int[] {1}).mul(-0.5));
    }

    // ---- 01.2 ----

    private static Checker.Run<Function3<NDArray, NDArray, NDArray, NDArray>> sample(float[] mu, float[] logVar, long n, long d,
                                                                                      float[] epsilon, long k) {
        return (f, m) -> Answer.of(f.apply(array(m, mu, n, d), array(m, logVar, n, d), array(m, epsilon, k, d)));
    }

    static Checker<Function3<NDArray, NDArray, NDArray, NDArray>> reparameterisation() {
        return new Checker<Function3<NDArray, NDArray, NDArray, NDArray>>("01.2", "Gaussian.reparameterize", Gaussian::reparameterize)
                .input("a 5×3 batch of μ, log σ² and ε drawn at random",
                        sample(normal(21, 15, 0, 1), normal(22, 15, 0, 1), 5, 3, normal(23, 15, 0, 1), 5))
                .input("a one-row batch (1×4)", sample(normal(24, 4, 1, 1), normal(25, 4, 0, 1), 1, 4, normal(26, 4, 0, 1), 1))
                .input("ε = 0, where z = μ", sample(normal(27, 6, 0, 1), normal(28, 6, 0, 1), 2, 3, constant(6, 0), 2))
                .input("one row of μ and log σ² with 4 rows of ε (z broadcast to 4 samples)",
                        sample(new float[] {1f, -2f, 0f}, new float[] {0f, -1.386f, 1f}, 1, 3, normal(29, 12, 0, 1), 4))
                .input("log σ² = 30", sample(normal(30, 4, 0, 1), constant(4, 30), 2, 2, normal(31, 4, 0, 1), 2))
                .input("log σ² = −30", sample(normal(32, 4, 0, 1), constant(4, -30), 2, 2, normal(33, 4, 0, 1), 2))
                .input("log σ² = 100 (σ = e⁵⁰ ≈ 5.2·10²¹)", sample(normal(34, 4, 0, 1), constant(4, 100), 2, 2, normal(35, 4, 0, 1), 2))
                .shapeHint("z has the shape of ε: μ + σ ⊙ ε, element by element (.mul, not .matMul).")
                .otherwise("use the noise epsilon the check gives (drawing your own makes z differ), and compare your formula "
                        + "with z = μ + exp(½·logVar) ⊙ ε term by term.")
                .mistake("∞ or NaN for log σ² = 100: exp(100) overflows float32 (largest ≈ 3.4·10³⁸) before the square root is taken. "
                                + "Write σ = exp(½·logVar), which never passes through σ².",
                        (mu, lv, eps) -> mu.add(lv.exp().sqrt().mul(eps)))
                .mistake("you scaled ε by σ² = exp(logVar); the scale of the noise is σ = exp(½·logVar).",
                        (mu, lv, eps) -> mu.add(lv.exp().mul(eps)))
                .mistake("logVar is log σ², not σ: σ = exp(½·logVar).",
                        (mu, lv, eps) -> mu.add(lv.mul(eps)))
                .mistake("exp(−½·logVar) is 1/σ; the noise is scaled by σ = exp(½·logVar).",
                        (mu, lv, eps) -> mu.add(lv.mul(-0.5).exp().mul(eps)))
                .mistake("z is centred on μ: z = μ + σ ⊙ ε, μ included.",
                        (mu, lv, eps) -> lv.mul(0.5).exp().mul(eps))
                .mistake("only the noise is scaled: z = μ + σ ⊙ ε, not (μ + σ) ⊙ ε.",
                        (mu, lv, eps) -> mu.add(lv.mul(0.5).exp()).mul(eps));
    }

    // ---- 01.3 ----

    private static Checker.Run<BiFunction<NDArray, NDArray, NDArray>> pixels(float[] logits, float[] x, long n, long d) {
        return (f, m) -> Answer.of(f.apply(array(m, logits, n, d), array(m, x, n, d)));
    }

    /** The naive binary cross-entropy, sigmoid first and then the logs (the mistake the exercise is about). */
    private static NDArray sigmoidThenLog(NDArray logits, NDArray x) {
        NDArray p = logits.neg().exp().add(1).pow(-1);
        return x.mul(p.log()).add(x.neg().add(1).mul(p.neg().add(1).log())).sum(new int[] {1}).neg();
    }

    static Checker<BiFunction<NDArray, NDArray, NDArray>> bernoulli() {
        float[] extreme = {-100f, -20f, 0f, 20f, 100f, -100f, 100f, 60f};
        float[] extremeX = {0f, 1f, 0.3f, 0f, 1f, 0.3f, 0.3f, 0f};
        return new Checker<BiFunction<NDArray, NDArray, NDArray>>("01.3", "Losses.bernoulliNll", Losses::bernoulliNll)
                .input("a 4×6 batch of logits drawn at random and pixels in [0, 1]", pixels(normal(41, 24, 0, 3), uniform(42, 24), 4, 6))
                .input("black and white pixels (x = 0 or 1)", pixels(normal(43, 20, 0, 3), Inputs.binary(44, 20), 2, 10))
                .input("a one-row batch (1×784, an MNIST image's size)", pixels(normal(45, 784, -1, 4), uniform(46, 784), 1, 784))
                .input("logits 0, where π = ½ and each pixel costs log 2", pixels(constant(6, 0), uniform(47, 6), 2, 3))
                .input("logits ±20, ±60 and ±100", pixels(extreme, extremeX, 2, 4))
                .tolerance(1e-4, 1e-4)
                .shapeHint("One loss per row: sum over the pixels only, .sum(new int[] {1}), which leaves shape (n).")
                .mistake("∞ or NaN for large logits: sigmoid(ℓ) rounds to exactly 1 (or 0) in float32 once |ℓ| passes about 17, and its log "
                                + "is then log 0 = −∞. Write the loss from the logits: softplus(ℓ) − x·ℓ, with "
                                + "softplus(ℓ) = max(ℓ, 0) + log(1 + exp(−|ℓ|)).",
                        Lab01::sigmoidThenLog)
                .mistake("∞ for logit 100: log(1 + exp(ℓ)) overflows in float32 at exp(100). Write softplus(ℓ) as "
                                + "max(ℓ, 0) + log(1 + exp(−|ℓ|)), which never exponentiates a positive number.",
                        (l, x) -> l.exp().add(1).log().sub(x.mul(l)).sum(new int[] {1}))
                .mistake("the term x·ℓ is subtracted: −log p(x | ℓ) = softplus(ℓ) − x·ℓ.",
                        (l, x) -> Losses.bernoulliNll(l, x).add(x.mul(l).sum(new int[] {1}).mul(2)))
                .mistake("sum over the pixels: a mean divides by their number.",
                        (l, x) -> Losses.bernoulliNll(l, x).div(l.getShape().get(1)))
                .mistake("that is log p(x | ℓ); the loss is its negative, −log p(x | ℓ).",
                        (l, x) -> Losses.bernoulliNll(l, x).neg());
    }

    // ---- 01.4 ----

    private static final String[] JOINT = {"μ", "log σ²"};

    /** V experts of an (n, d) latent, stacked: μ and log σ² of shape (V, n, d). */
    private static Checker.Run<BiFunction<NDArray, NDArray, NDList>> experts(float[] mus, float[] logVars, long v, long n, long d) {
        return (f, m) -> Answer.of(JOINT, f.apply(array(m, mus, v, n, d), array(m, logVars, v, n, d)));
    }

    private static Checker.Run<BiFunction<NDArray, NDArray, NDList>> experts(long seed, long v, long n, long d, double logVarSd) {
        int count = (int) size(v, n, d);
        return experts(normal(seed, count, 0, 1.5), normal(seed + 1, count, 0, logVarSd), v, n, d);
    }

    static Checker<BiFunction<NDArray, NDArray, NDList>> productOfExperts() {
        // two views of a 2×2 latent: the first certain (log σ² = −30) or knowing nothing (log σ² = 30), the second ordinary
        float[] mus = {1.5f, -0.5f, 2f, 0.25f, -1f, 0.7f, 0.3f, -2f};
        float[] certain = {-30f, -30f, -30f, -30f, 0.2f, -0.4f, 1f, -1f};
        float[] ignorant = {30f, 30f, 30f, 30f, 0.2f, -0.4f, 1f, -1f};
        return new Checker<BiFunction<NDArray, NDArray, NDList>>("01.4", "Experts.productOfExperts", Experts::productOfExperts)
                .input("two experts of a 4×3 batch drawn at random", experts(51, 2, 4, 3, 1))
                .input("three experts of a 2×2 batch", experts(53, 3, 2, 2, 1.5))
                .input("one expert alone (with the prior, still a product of two)", experts(55, 1, 3, 2, 1))
                .input("a one-row batch (two experts, 1×5)", experts(57, 2, 1, 5, 1))
                .input("an expert with log σ² = −30, certain of its μ (the joint must follow it)", experts(mus, certain, 2, 2, 2))
                .input("an expert with log σ² = 30, which knows nothing (the joint must ignore it)", experts(mus, ignorant, 2, 2, 2))
                .input("the prior expert alone (no view given, V = 0: the joint is N(0, I))", experts(new float[0], new float[0], 0, 2, 3))
                .tolerance(1e-4, 1e-5)
                .shapeHint("Combine the experts along axis 0 (.sum(new int[] {0})): μ and log σ² of the joint have shape (n, d).")
                .mistake("did you leave out the prior expert N(0, I)? Its precision 1 belongs in T = 1 + Σ_v σ_v⁻².",
                        (mu, lv) -> {
                            NDArray precision = lv.neg().exp().sum(new int[] {0});
                            return new NDList(lv.neg().exp().mul(mu).sum(new int[] {0}).div(precision), precision.log().neg());
                        })
                .mistake("the second array is the joint's log-variance, log σ² = −log T, not σ² = 1/T.",
                        (mu, lv) -> {
                            NDList joint = Experts.productOfExperts(mu, lv);
                            return new NDList(joint.get(0), joint.get(1).exp());
                        })
                .mistake("the joint mean weighs each expert's μ_v by its precision σ_v⁻²: μ = Σ_v σ_v⁻² μ_v / T.",
                        (mu, lv) -> {
                            NDList joint = Experts.productOfExperts(mu, lv);
                            return new NDList(mu.sum(new int[] {0}).div(mu.getShape().get(0) + 1), joint.get(1));
                        })
                .mistake("precisions add, not variances: T = 1 + Σ_v σ_v⁻² and σ² = 1/T.",
                        (mu, lv) -> {
                            NDList joint = Experts.productOfExperts(mu, lv);
                            return new NDList(joint.get(0), lv.exp().sum(new int[] {0}).add(1).log());
                        });
    }
}
