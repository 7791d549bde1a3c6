package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import org.vaelab.loss.Losses;
import org.vaelab.model.Elbo;
import org.vaelab.model.VaeOutput;
import org.vaelab.train.TrainSettings;

import java.util.function.BiFunction;
import java.util.function.Function;

import static org.vaelab.exercise.Inputs.array;
import static org.vaelab.exercise.Inputs.binary;
import static org.vaelab.exercise.Inputs.constant;
import static org.vaelab.exercise.Inputs.normal;
import static org.vaelab.exercise.Inputs.uniform;

/** Lab 02's exercises: the −ELBO of one batch, the importance-weighted bound, the cosine-decayed learning rate. */
final class Lab02 {
    /** Lab 02's starting rate for the cosine decay. */
    static final float START_RATE = 3e-3f;

    private Lab02() {
    }

    // ---- 02.1 ----

    private static NDArray libraryLoss(NDArray logits, NDArray x, NDArray mu, NDArray logVar) {
        return new Elbo(1f).loss(new VaeOutput(logits, mu, logVar, null, null), Losses.bernoulliNll(logits, x)).total().mean();
    }

    private static Checker.Run<Function4<NDArray, NDArray, NDArray, NDArray, NDArray>> batch(long seed, long n, long pixels, long latent,
                                                                                              boolean blackAndWhite, float logVar) {
        int p = (int) (n * pixels);
        int l = (int) (n * latent);
        float[] x = blackAndWhite ? binary(seed + 1, p) : uniform(seed + 1, p);
        float[] logVars = Float.isNaN(logVar) ? normal(seed + 3, l, -1, 1) : constant(l, logVar);
        return (f, m) -> Answer.of(f.apply(array(m, normal(seed, p, -1, 3), n, pixels), array(m, x, n, pixels),
                array(m, normal(seed + 2, l, 0, 1), n, latent), array(m, logVars, n, latent)));
    }

    static Checker<Function4<NDArray, NDArray, NDArray, NDArray, NDArray>> negativeElbo() {
        return new Checker<Function4<NDArray, NDArray, NDArray, NDArray, NDArray>>("02.1",
                "the library's −ELBO (Losses.bernoulliNll + Losses.gaussianKl, in Elbo)", Lab02::libraryLoss)
                .input("a batch of 8 MNIST-sized images (784 pixels, latent 20) drawn at random", batch(61, 8, 784, 20, false, Float.NaN))
                .input("a batch of 5 black-and-white images of 12 pixels, latent 3", batch(65, 5, 12, 3, true, Float.NaN))
                .input("a one-row batch", batch(69, 1, 784, 20, false, Float.NaN))
                .input("a batch whose encoder gives log σ² = −30", batch(73, 4, 16, 2, false, -30f))
                .tolerance(1e-4, 1e-3)
                .shapeHint("The loss of the batch is one number: the mean over its rows, .mean(), of each row's −ELBO.")
                .mistake("your value is n times the expected one: the loss is the mean over the batch's images (nats per image), not their sum.",
                        (l, x, mu, lv) -> libraryLoss(l, x, mu, lv).mul(l.getShape().get(0)))
                .mistake("the KL term is added: −ELBO = −log p(x|z) + KL(q(z|x) ‖ p(z)).",
                        (l, x, mu, lv) -> Losses.bernoulliNll(l, x).sub(Losses.gaussianKl(mu, lv)).mean())
                .mistake("your value is the reconstruction term alone: add the KL term, KL(q(z|x) ‖ p(z)).",
                        (l, x, mu, lv) -> Losses.bernoulliNll(l, x).mean())
                .mistake("your value is the KL term alone: add the reconstruction term, −log p(x|z).",
                        (l, x, mu, lv) -> Losses.gaussianKl(mu, lv).mean())
                .mistake("the reconstruction term sums over the pixels of each image; a mean over all the pixels divides it by their number.",
                        (l, x, mu, lv) -> Losses.bernoulliNll(l, x).div(l.getShape().get(1)).add(Losses.gaussianKl(mu, lv)).mean());
    }

    // ---- 02.2 ----

    private static Checker.Run<Function<NDArray, NDArray>> logWeights(float[] values, long n, long k) {
        return (f, m) -> Answer.of(f.apply(array(m, values, n, k)));
    }

    static Checker<Function<NDArray, NDArray>> iwaeBound() {
        return new Checker<Function<NDArray, NDArray>>("02.2", "Losses.iwaeBound", Losses::iwaeBound)
                .input("4 images × 5 samples of log-weights drawn around 0", logWeights(normal(81, 20, 0, 2), 4, 5))
                .input("k = 1 sample per image (the bound is then the log-weight itself)", logWeights(normal(82, 3, -1, 2), 3, 1))
                .input("a one-row batch with k = 8", logWeights(normal(83, 8, 1, 1), 1, 8))
                .input("log-weights around −120 nats, as an MNIST image's are (e^−120 ≈ 7.7·10⁻⁵³)", logWeights(normal(84, 12, -120, 3), 3, 4))
                .input("log-weights around +100 (e^100 ≈ 2.7·10⁴³)", logWeights(normal(85, 6, 100, 2), 2, 3))
                .shapeHint("One bound per image: reduce over the k samples, axis 1, which leaves shape (n).")
                .mistake("∞ or NaN (or −∞) where the log-weights are large in size: exp overflows past e^88 and underflows to 0 below e^−103 "
                                + "in float32. Subtract each row's largest log-weight m before exp and add it back after the log: "
                                + "m + log Σ_i exp(a_i − m) (log-sum-exp).",
                        a -> a.exp().mean(new int[] {1}).log())
                .mistake("∞ or NaN (or −∞) where the log-weights are large in size: exp overflows past e^88 and underflows to 0 below e^−103 "
                                + "in float32. Subtract each row's largest log-weight m before exp and add it back after the log: "
                                + "m + log Σ_i exp(a_i − m) (log-sum-exp).",
                        a -> a.exp().sum(new int[] {1}).log().sub(Math.log(a.getShape().get(1))))
                .mistake("your values exceed the expected ones by log k: the bound averages the weights, log (1/k) Σ_i w_i; subtract log k.",
                        a -> Losses.logSumExp(a, 1))
                .mistake("that is the mean of the log-weights, the ELBO's estimate; the bound is the log of the mean of the weights, "
                                + "log (1/k) Σ_i exp(log w_i).",
                        a -> a.mean(new int[] {1}))
                .mistake("that is the largest log-weight of each row; the bound adds log Σ_i exp(a_i − m) to it, and subtracts log k.",
                        a -> a.max(new int[] {1}));
    }

    // ---- 02.3 ----

    private static double libraryRate(int step, int total) {
        return TrainSettings.adam(1, 0).withLearningRate(START_RATE).withCosineDecay().learningRateAt(step, total);
    }

    private static Checker.Run<BiFunction<Integer, Integer, Double>> at(int step, int total) {
        return (f, m) -> Answer.of(f.apply(step, total));
    }

    static Checker<BiFunction<Integer, Integer, Double>> cosineLearningRate() {
        return new Checker<BiFunction<Integer, Integer, Double>>("02.3", "TrainSettings.learningRateAt", Lab02::libraryRate)
                .input("step 0 of 4690 (10 epochs of 469 batches): η₀", at(0, 4690))
                .input("step 2345 of 4690, half-way: η₀/2", at(2345, 4690))
                .input("step 1000 of 4690", at(1000, 4690))
                .input("step 4000 of 4690", at(4000, 4690))
                .input("the last step, 4690 of 4690: 0", at(4690, 4690))
                .input("step 3 of a run of 8 steps", at(3, 8))
                .tolerance(1e-5, 1e-9)
                .mistake("integer division: step / totalSteps of two integers is 0 until the last step, so the rate never falls. "
                                + "Divide in double: Math.PI * step / totalSteps.",
                        (t, total) -> START_RATE * 0.5 * (1 + Math.cos(Math.PI * (t / total))))
                .mistake("the rate starts at 2η₀: the factor ½ in η₀·½(1 + cos(π t/T)) is missing.",
                        (t, total) -> START_RATE * (1 + Math.cos(Math.PI * t / total)))
                .mistake("the angle runs from 0 to π over the run: cos(π·t/T), not cos(t/T).",
                        (t, total) -> START_RATE * 0.5 * (1 + Math.cos((double) t / total)))
                .mistake("this lab's rate starts at η₀ = 3·10⁻³ (3e-3), not 10⁻³.",
                        (t, total) -> 1e-3 * 0.5 * (1 + Math.cos(Math.PI * t / total)))
                .mistake("the rate falls from η₀ to 0: ½(1 + cos(π t/T)), with a plus; with a minus it rises from 0 to η₀.",
                        (t, total) -> START_RATE * 0.5 * (1 - Math.cos(Math.PI * t / total)));
    }
}
