package org.vaelab.exercise;

import ai.djl.engine.Engine;
import ai.djl.nn.Activation;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.vaelab.loss.Losses;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;
import org.vaelab.model.VaeWeights;
import org.vaelab.train.TrainSettings;

import java.util.function.BiFunction;
import java.util.function.Function;

import static org.vaelab.exercise.Inputs.array;
import static org.vaelab.exercise.Inputs.binary;
import static org.vaelab.exercise.Inputs.normal;
import static org.vaelab.exercise.Inputs.uniform;

/** Lab 02's exercises: the VAE's forward pass and −ELBO, the importance-weighted bound, the cosine-decayed learning rate. */
final class Lab02 {
    /** Lab 02's starting rate for the cosine decay. */
    static final float START_RATE = 3e-3f;

    private Lab02() {
    }

    // ---- 02.1 ----

    /** The answer's parts: the batch's −ELBO, then its gradient with respect to each of the ten weights. */
    private static final String[] FORWARD_PARTS = forwardParts();

    private static String[] forwardParts() {
        String[] names = new String[1 + VaeWeights.NAMES.size()];
        names[0] = "−ELBO";
        for (int i = 0; i < VaeWeights.NAMES.size(); i++) {
            names[i + 1] = "∂(−ELBO)/∂" + VaeWeights.NAMES.get(i);
        }
        return names;
    }

    /** The library's −ELBO of the batch: the VAE's own layers and loss, run on the weights given, with the noise given. */
    static NDArray libraryForward(VaeWeights w, NDArray x, NDArray epsilon) {
        VaeConfig config = VaeConfig.mlp((int) w.fc1Weight().getShape().get(0), (int) w.fc21Weight().getShape().get(0));
        try (Vae vae = Vae.create(config, 0, x.getDevice())) {
            return vae.loss(w, x, epsilon).total().mean();
        }
    }

    private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.matMul(weight.transpose()).add(bias);
    }

    /** −ELBO written out, with σ = exp(sigmaPower · log σ²) and the KL term weighted: the wrong variants below. */
    private static NDArray byHand(VaeWeights w, NDArray x, NDArray epsilon, double sigmaPower, boolean sigmoidFirst, double klWeight) {
        NDArray h = linear(x, w.fc1Weight(), w.fc1Bias()).tanh();
        NDArray mu = linear(h, w.fc21Weight(), w.fc21Bias());
        NDArray logVar = linear(h, w.fc22Weight(), w.fc22Bias());
        NDArray z = mu.add(logVar.mul(sigmaPower).exp().mul(epsilon));
        NDArray logits = linear(linear(z, w.fc3Weight(), w.fc3Bias()).tanh(), w.fc4Weight(), w.fc4Bias());
        NDArray reconstruction = Losses.bernoulliNll(sigmoidFirst ? Activation.sigmoid(logits) : logits, x);
        return reconstruction.add(Losses.gaussianKl(mu, logVar).mul(klWeight)).mean();
    }

    /**
     * One input: random weights of a 784-hidden-latent VAE, n images and the noise ε, all from {@code seed}; the answer
     * is the function's −ELBO and the gradient it gives each weight (zero where none reaches it).
     */
    private static Checker.Run<Function3<VaeWeights, NDArray, NDArray, NDArray>> forward(long seed, int n, int hidden, int latent,
                                                                                          boolean blackAndWhite, boolean noNoise) {
        return (f, m) -> {
            int pixels = 784;
            VaeWeights w = new VaeWeights(
                    array(m, normal(seed, hidden * pixels, 0, 0.05), hidden, pixels), array(m, normal(seed + 1, hidden, 0, 0.1), hidden),
                    array(m, normal(seed + 2, latent * hidden, 0, 0.1), latent, hidden), array(m, normal(seed + 3, latent, 0, 0.1), latent),
                    array(m, normal(seed + 4, latent * hidden, 0, 0.1), latent, hidden), array(m, normal(seed + 5, latent, -0.5, 0.1), latent),
                    array(m, normal(seed + 6, hidden * latent, 0, 0.2), hidden, latent), array(m, normal(seed + 7, hidden, 0, 0.1), hidden),
                    array(m, normal(seed + 8, pixels * hidden, 0, 0.05), pixels, hidden), array(m, normal(seed + 9, pixels, 0, 0.1), pixels));
            w.all().forEach(a -> a.setRequiresGradient(true));
            NDArray x = array(m, blackAndWhite ? binary(seed + 10, n * pixels) : uniform(seed + 10, n * pixels), n, pixels);
            NDArray epsilon = noNoise ? m.zeros(new Shape(n, latent)) : array(m, normal(seed + 11, n * latent, 0, 1), n, latent);
            NDList answer = new NDList();
            try (GradientCollector tape = Engine.getInstance().newGradientCollector()) {
                tape.zeroGradients();
                NDArray loss = f.apply(w, x, epsilon);
                answer.add(loss);
                if (loss != null) {
                    tape.backward(loss);
                }
            }
            for (NDArray weight : w.all()) {
                answer.add(gradientOrZeros(weight));
            }
            return Answer.of(FORWARD_PARTS, answer);
        };
    }

    /** A weight's gradient, or zeros where the loss did not reach it. */
    private static NDArray gradientOrZeros(NDArray weight) {
        try {
            return weight.getGradient();
        } catch (IllegalStateException e) {
            return weight.zerosLike();
        }
    }

    static Checker<Function3<VaeWeights, NDArray, NDArray, NDArray>> vaeNegativeElbo() {
        return new Checker<Function3<VaeWeights, NDArray, NDArray, NDArray>>("02.1",
                "the library's VAE (its layers and its −ELBO, Vae.loss) on the same weights and the same noise, and with its gradients",
                Lab02::libraryForward)
                .input("a batch of 8 grey MNIST-sized images, 784-400-20 weights drawn at random", forward(61, 8, 400, 20, false, false))
                .input("5 black-and-white images, 784-16-3 weights", forward(75, 5, 16, 3, true, false))
                .input("a one-row batch, 784-32-2 weights", forward(89, 1, 32, 2, false, false))
                .input("ε = 0 (then z = μ), 784-16-3 weights", forward(103, 4, 16, 3, false, true))
                .tolerance(1e-4, 1e-5)
                .shapeHint("The loss of the batch is one number: the mean over its rows, .mean(), of each row's −ELBO.")
                .zeroHint("no gradient reaches that weight. Compute every step from the arrays you are given (w, x, ε), with NDArray "
                        + "operations, and detach nothing on the way (no stopGradient, no copy through a Java array).")
                .mistake("your loss does not depend on the noise ε: z is a sample, z = reparameterize(μ, log σ², ε) = μ + σ ⊙ ε, not μ.",
                        (w, x, eps) -> libraryForward(w, x, eps.zerosLike()))
                .mistake("σ = exp(½ log σ²), the square root of the variance; exp(log σ²) is σ².",
                        (w, x, eps) -> byHand(w, x, eps, 1, false, 1))
                .mistake("your value is n times the expected one: the loss is the mean over the batch's images (nats per image), not their sum.",
                        (w, x, eps) -> libraryForward(w, x, eps).mul(x.getShape().get(0)))
                .mistake("your value is the reconstruction term alone: add the KL term, KL(q(z|x) ‖ p(z)) = Losses.gaussianKl(μ, log σ²).",
                        (w, x, eps) -> byHand(w, x, eps, 0.5, false, 0))
                .mistake("the KL term is added: −ELBO = −log p(x|z) + KL(q(z|x) ‖ p(z)).",
                        (w, x, eps) -> byHand(w, x, eps, 0.5, false, -1))
                .mistake("decode gives the logits ℓ, and Losses.bernoulliNll takes the logits: do not apply the sigmoid first.",
                        (w, x, eps) -> byHand(w, x, eps, 0.5, true, 1));
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
