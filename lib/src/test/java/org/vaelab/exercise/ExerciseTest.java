package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaelab.loss.Losses;
import org.vaelab.model.VaeWeights;

import java.util.function.BiFunction;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public checks as a notebook calls them: the teacher's solution (the code between the markers in the
 * notebooks) passes, a typical wrong one fails with its own hint, and the student edition's stub reads "not done yet".
 */
@Tag("engines")
class ExerciseTest {
    private static void passes(String id, String message) {
        assertTrue(message.startsWith("Exercise " + id + " passed: your function agrees with "), message);
    }

    private static void failsWith(String id, String hint, String message) {
        assertTrue(message.startsWith("Exercise " + id + " failed: for "), message);
        assertTrue(message.substring(message.indexOf("\nHint: ")).contains(hint), "expected the hint '" + hint + "' in:\n" + message);
    }

    private static void notDone(String id, String message) {
        assertEquals("Exercise " + id + " not done yet: in the cell above, replace throw new Exercise.NotDone(); with your code and run it, then run this check again.",
                message);
    }

    @Test
    void theStubThrowsNotDoneAsAStatementOrAsAValue() {
        assertThrows(Exercise.NotDone.class, () -> {
            throw new Exercise.NotDone();
        });
        Function<NDArray, NDArray> stub = a -> Exercise.notDone();
        assertThrows(Exercise.NotDone.class, () -> stub.apply(null));
    }

    @Test
    void klToStandardNormal() {
        passes("01.1", Exercise.klToStandardNormal((mu, logVar) -> mu.square().add(logVar.exp()).sub(logVar).sub(1).sum(new int[] {1}).mul(0.5)));
        failsWith("01.1", "your values are twice the expected ones: the factor ½ in front of the sum is missing.",
                Exercise.klToStandardNormal((mu, logVar) -> mu.square().add(logVar.exp()).sub(logVar).sub(1).sum(new int[] {1})));
        failsWith("01.1", "your values have the opposite sign",
                Exercise.klToStandardNormal((mu, logVar) -> logVar.add(1).sub(mu.square()).sub(logVar.exp()).sum(new int[] {1}).mul(0.5)));
        failsWith("01.1", "One KL per row: sum over the latent dimensions only",
                Exercise.klToStandardNormal((mu, logVar) -> mu.square().add(logVar.exp()).sub(logVar).sub(1).sum().mul(0.5)));
        notDone("01.1", Exercise.klToStandardNormal((mu, logVar) -> {
            throw new Exercise.NotDone();
        }));
    }

    @Test
    void reparameterisation() {
        passes("01.2", Exercise.reparameterisation((mu, logVar, epsilon) -> mu.add(logVar.mul(0.5).exp().mul(epsilon))));
        String unstable = Exercise.reparameterisation((mu, logVar, epsilon) -> mu.add(logVar.exp().sqrt().mul(epsilon)));
        failsWith("01.2", "∞ or NaN for log σ² = 100: exp(100) overflows float32", unstable);
        assertTrue(unstable.contains("for log σ² = 100 (σ = e⁵⁰ ≈ 5.2·10²¹), expected"), unstable);
        failsWith("01.2", "you scaled ε by σ² = exp(logVar)", Exercise.reparameterisation((mu, logVar, epsilon) -> mu.add(logVar.exp().mul(epsilon))));
        notDone("01.2", Exercise.reparameterisation((mu, logVar, epsilon) -> {
            throw new Exercise.NotDone();
        }));
    }

    @Test
    void bernoulliLoss() {
        passes("01.3", Exercise.bernoulliLoss((logits, x) ->
                logits.maximum(0f).add(logits.abs().neg().exp().add(1).log()).sub(x.mul(logits)).sum(new int[] {1})));
        String naive = Exercise.bernoulliLoss((logits, x) -> {
            NDArray p = logits.neg().exp().add(1).pow(-1);
            return x.mul(p.log()).add(x.neg().add(1).mul(p.neg().add(1).log())).sum(new int[] {1}).neg();
        });
        failsWith("01.3", "∞ or NaN for large logits: sigmoid(ℓ) rounds to exactly 1", naive);
        assertTrue(naive.contains("for logits ±20, ±60 and ±100,"), naive);
        notDone("01.3", Exercise.bernoulliLoss((logits, x) -> Exercise.notDone()));
    }

    @Test
    void productOfExperts() {
        passes("01.4", Exercise.productOfExperts((mus, logVars) -> {
            NDArray precisions = logVars.neg().exp();
            NDArray t = precisions.sum(new int[] {0}).add(1);
            return new NDList(precisions.mul(mus).sum(new int[] {0}).div(t), t.log().neg());
        }));
        failsWith("01.4", "did you leave out the prior expert N(0, I)?", Exercise.productOfExperts((mus, logVars) -> {
            NDArray precisions = logVars.neg().exp();
            NDArray t = precisions.sum(new int[] {0});
            return new NDList(precisions.mul(mus).sum(new int[] {0}).div(t), t.log().neg());
        }));
        failsWith("01.4", "the second array is the joint's log-variance", Exercise.productOfExperts((mus, logVars) -> {
            NDArray precisions = logVars.neg().exp();
            NDArray t = precisions.sum(new int[] {0}).add(1);
            return new NDList(precisions.mul(mus).sum(new int[] {0}).div(t), t.pow(-1));
        }));
        notDone("01.4", Exercise.productOfExperts((mus, logVars) -> {
            throw new Exercise.NotDone();
        }));
    }

    /** The notebook's VAE written out (lab 02's cells): x Wᵀ + b, the encoder, the reparameterisation, the decoder. */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.matMul(weight.transpose()).add(bias);
    }

    static NDList encode(VaeWeights w, NDArray x) {
        NDArray h = linear(x, w.fc1Weight(), w.fc1Bias()).tanh();
        return new NDList(linear(h, w.fc21Weight(), w.fc21Bias()), linear(h, w.fc22Weight(), w.fc22Bias()));
    }

    static NDArray reparameterize(NDArray mu, NDArray logVar, NDArray eps) {
        return mu.add(logVar.mul(0.5).exp().mul(eps));
    }

    static NDArray decode(VaeWeights w, NDArray z) {
        return linear(linear(z, w.fc3Weight(), w.fc3Bias()).tanh(), w.fc4Weight(), w.fc4Bias());
    }

    /** Lab 02's solution of 02.1, as the notebook writes it. */
    static NDArray negativeElbo(VaeWeights w, NDArray x, NDArray eps) {
        NDList q = encode(w, x);
        NDArray mu = q.get(0);
        NDArray logVar = q.get(1);
        NDArray z = reparameterize(mu, logVar, eps);
        NDArray logits = decode(w, z);
        return Losses.bernoulliNll(logits, x).add(Losses.gaussianKl(mu, logVar)).mean();
    }

    @Test
    void vaeNegativeElbo() {
        passes("02.1", Exercise.vaeNegativeElbo(ExerciseTest::negativeElbo));
        failsWith("02.1", "your value is n times the expected one",
                Exercise.vaeNegativeElbo((w, x, eps) -> negativeElbo(w, x, eps).mul(x.getShape().get(0))));
        failsWith("02.1", "your loss does not depend on the noise ε",
                Exercise.vaeNegativeElbo((w, x, eps) -> negativeElbo(w, x, eps.zerosLike())));
        failsWith("02.1", "The loss of the batch is one number", Exercise.vaeNegativeElbo((w, x, eps) -> {
            NDList q = encode(w, x);
            return Losses.bernoulliNll(decode(w, reparameterize(q.get(0), q.get(1), eps)), x).add(Losses.gaussianKl(q.get(0), q.get(1)));
        }));
        // The right value whose gradient never reaches the encoder (its μ and log σ² cut from the graph): the loss agrees, fc1's gradient does not.
        String cut = Exercise.vaeNegativeElbo((w, x, eps) -> {
            NDList q = encode(w, x);
            NDArray mu = q.get(0).stopGradient();
            NDArray logVar = q.get(1).stopGradient();
            return Losses.bernoulliNll(decode(w, reparameterize(mu, logVar, eps)), x).add(Losses.gaussianKl(mu, logVar)).mean();
        });
        assertTrue(cut.startsWith("Exercise 02.1 failed: for ") && cut.contains(", expected ∂(−ELBO)/∂fc1.weight [")
                && cut.contains("Hint: ∂(−ELBO)/∂fc1.weight is zero everywhere, and the expected one is not: no gradient reaches that weight."), cut);
        notDone("02.1", Exercise.vaeNegativeElbo((w, x, eps) -> Exercise.notDone()));
        assertEquals("This cell runs your function of exercise 02.1: complete that exercise, then run this cell again.",
                Exercise.whenDone("02.1", () -> Exercise.notDone()));
        assertEquals(42, Exercise.whenDone("02.1", () -> 42));
    }

    @Test
    void iwaeBound() {
        passes("02.2", Exercise.iwaeBound(logWeights -> {
            NDArray max = logWeights.max(new int[] {1}, true);
            long k = logWeights.getShape().get(1);
            return logWeights.sub(max).exp().sum(new int[] {1}).log().add(max.squeeze(1)).sub(Math.log(k));
        }));
        String naive = Exercise.iwaeBound(logWeights -> logWeights.exp().mean(new int[] {1}).log());
        failsWith("02.2", "Subtract each row's largest log-weight m before exp", naive);
        assertTrue(naive.contains("for log-weights around −120 nats"), naive);
        failsWith("02.2", "that is the mean of the log-weights, the ELBO's estimate", Exercise.iwaeBound(logWeights -> logWeights.mean(new int[] {1})));
        notDone("02.2", Exercise.iwaeBound(logWeights -> Exercise.notDone()));
    }

    @Test
    void cosineLearningRate() {
        passes("02.3", Exercise.cosineLearningRate((step, totalSteps) -> 3e-3 * 0.5 * (1 + Math.cos(Math.PI * step / totalSteps))));
        failsWith("02.3", "integer division: step / totalSteps of two integers is 0",
                Exercise.cosineLearningRate((step, totalSteps) -> 3e-3 * 0.5 * (1 + Math.cos(Math.PI * (step / totalSteps)))));
        failsWith("02.3", "the rate starts at 2η₀", Exercise.cosineLearningRate((step, totalSteps) -> 3e-3 * (1 + Math.cos(Math.PI * step / totalSteps))));
        notDone("02.3", Exercise.cosineLearningRate((step, totalSteps) -> Exercise.notDone()));
    }

    @Test
    void latentVariances() {
        passes("03.1", Exercise.latentVariances(z -> z.sub(z.mean(new int[] {0}, true)).square().mean(new int[] {0})));
        failsWith("03.1", "that is the standard deviation",
                Exercise.latentVariances(z -> z.sub(z.mean(new int[] {0}, true)).square().mean(new int[] {0}).sqrt()));
        failsWith("03.1", "One value per latent dimension", Exercise.latentVariances(z -> z.sub(z.mean(new int[] {1}, true)).square().mean(new int[] {1})));
        notDone("03.1", Exercise.latentVariances(z -> Exercise.notDone()));
    }

    /** The teacher's MMD, as lab 03 writes it. */
    static NDArray mmd(NDArray z, NDArray prior, boolean unbiased) {
        long n = z.getShape().get(0);
        long m = prior.getShape().get(0);
        double c = 2.0 * z.getShape().get(1);
        BiFunction<NDArray, NDArray, NDArray> k = (a, b) -> a.expandDims(1).sub(b.expandDims(0)).square().sum(new int[] {2}).div(-c).exp();
        NDArray withinCodes = unbiased ? k.apply(z, z).sum().sub(n).div(n * (n - 1)) : k.apply(z, z).sum().div(n * n);
        NDArray withinPrior = unbiased ? k.apply(prior, prior).sum().sub(m).div(m * (m - 1)) : k.apply(prior, prior).sum().div(m * m);
        return withinCodes.add(withinPrior).sub(k.apply(z, prior).sum().mul(2.0 / (n * m)));
    }

    @Test
    void mmd() {
        passes("03.2", Exercise.mmd((z, prior) -> mmd(z, prior, true)));
        failsWith("03.2", "the within-sample sums leave out i = j and divide by n(n−1)", Exercise.mmd((z, prior) -> mmd(z, prior, false)));
        notDone("03.2", Exercise.mmd((z, prior) -> Exercise.notDone()));
    }

    /** Lab 05's solution of 05.1, as the notebook writes it. */
    static NDList subsets(NDArray mus, NDArray logVars) {
        NDArray precision = logVars.neg().exp();
        NDArray p1 = precision.get(0);
        NDArray p2 = precision.get(1);
        NDArray w1 = mus.get(0).mul(p1);
        NDArray w2 = mus.get(1).mul(p2);
        NDArray t = ai.djl.ndarray.NDArrays.stack(new NDList(p1.add(1), p2.add(1), p1.add(p2).add(1)));
        NDArray weighted = ai.djl.ndarray.NDArrays.stack(new NDList(w1, w2, w1.add(w2)));
        return new NDList(weighted.div(t), t.log().neg());
    }

    @Test
    void subsetPosteriors() {
        passes("05.1", Exercise.subsetPosteriors(ExerciseTest::subsets));
        failsWith("05.1", "the prior N(0, I) is an expert of every subset too", Exercise.subsetPosteriors((mus, logVars) -> {
            NDList right = subsets(mus, logVars);
            NDArray p = logVars.neg().exp();
            NDArray t = ai.djl.ndarray.NDArrays.stack(new NDList(p.get(0), p.get(1), p.get(0).add(p.get(1))));
            NDArray w = ai.djl.ndarray.NDArrays.stack(new NDList(mus.get(0).mul(p.get(0)), mus.get(1).mul(p.get(1)),
                    mus.get(0).mul(p.get(0)).add(mus.get(1).mul(p.get(1)))));
            return new NDList(w.div(t), t.log().neg());
        }));
        notDone("05.1", Exercise.subsetPosteriors((mus, logVars) -> Exercise.notDone()));
    }

    @Test
    void centreLoss() {
        passes("04.1", Exercise.centreLoss((mu, centres, labels) -> mu.sub(centres.get(mu.getManager().create(labels))).square().sum(new int[] {1})));
        failsWith("04.1", "each code is pulled to the centre of its own class, centres[labels[i]]",
                Exercise.centreLoss((mu, centres, labels) -> mu.sub(centres.get("0:" + mu.getShape().get(0))).square().sum(new int[] {1})));
        failsWith("04.1", "no square root",
                Exercise.centreLoss((mu, centres, labels) -> mu.sub(centres.get(mu.getManager().create(labels))).square().sum(new int[] {1}).sqrt()));
        notDone("04.1", Exercise.centreLoss((mu, centres, labels) -> Exercise.notDone()));
    }

    /** Lab 04's solution of 04.2, as the notebook writes it. */
    static NDArray separation(NDArray codes, NDArray ownMeans, NDArray classMeans) {
        NDArray centre = classMeans.mean(new int[] {0}, true);
        NDArray between = classMeans.sub(centre).square().sum(new int[] {1}).mean();
        NDArray within = codes.sub(ownMeans).square().sum(new int[] {1}).mean();
        return between.div(within);
    }

    @Test
    void classSeparation() {
        passes("04.2", Exercise.classSeparation(ExerciseTest::separation));
        failsWith("04.2", "that is W/B", Exercise.classSeparation((codes, own, means) -> separation(codes, own, means).pow(-1)));
        failsWith("04.2", "B is the mean over the K classes",
                Exercise.classSeparation((codes, own, means) -> separation(codes, own, means).mul(means.getShape().get(0))));
        notDone("04.2", Exercise.classSeparation((codes, own, means) -> Exercise.notDone()));
    }

    @Test
    void linearMap() {
        Function3<NDArray, NDArray, Float, NDArray> solution = (a, b, ridge) -> {
            long n = a.getShape().get(0);
            NDArray x = a.concat(a.getManager().ones(new ai.djl.ndarray.types.Shape(n, 1)), 1);
            long d = x.getShape().get(1);
            NDArray penalty = a.getManager().eye((int) d).mul(ridge);
            penalty.set(new ai.djl.ndarray.index.NDIndex((d - 1) + "," + (d - 1)), 0f);
            return x.transpose().matMul(x).add(penalty).inverse().matMul(x.transpose().matMul(b));
        };
        passes("07.2", Exercise.linearMap(solution));
        failsWith("07.2", "W has a row for the bias too",
                Exercise.linearMap((a, b, ridge) -> a.transpose().matMul(a).add(a.getManager().eye((int) a.getShape().get(1)).mul(ridge)).inverse()
                        .matMul(a.transpose().matMul(b))));
        notDone("07.2", Exercise.linearMap((a, b, ridge) -> Exercise.notDone()));
    }

    @Test
    void fineTuningLoss() {
        passes("07.1", Exercise.fineTuningLoss((decoder, codes, targets, picked) -> {
            NDArray index = codes.getManager().create(picked);
            return Losses.bernoulliNll(decoder.apply(codes.get(index)), targets.get(index)).mean();
        }));
        failsWith("07.1", "use only the picked pairs", Exercise.fineTuningLoss((decoder, codes, targets, picked) ->
                Losses.bernoulliNll(decoder.apply(codes), targets).mean()));
        notDone("07.1", Exercise.fineTuningLoss((decoder, codes, targets, picked) -> Exercise.notDone()));
    }

    @Test
    void aFunctionThatThrowsFailsAndNamesTheException() {
        String message = Exercise.klToStandardNormal((mu, logVar) -> {
            throw new IllegalStateException("boom");
        });
        assertTrue(message.startsWith("Exercise 01.1 failed: for a 6×4 batch of μ and log σ² drawn at random, your code threw "
                + "IllegalStateException (boom).\nHint: "), message);
    }

    @Test
    void aNullFunctionFails() {
        assertTrue(Exercise.klToStandardNormal(null).startsWith("Exercise 01.1 failed: the function is null."));
    }
}
