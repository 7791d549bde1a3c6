package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.vaelab.model.VaeWeights;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The workbook's exercises and their checks. A student writes a function between solution markers in one cell;
 * the next cell hands it to the check of that exercise, which runs it beside the library's own method on seeded
 * random inputs and on edge cases (large log-variances, one-row batches, the prior expert alone, …), and
 * returns one line that starts {@code Exercise NN.N passed}, {@code … failed} (with the input, both answers and a
 * hint) or {@code … not done yet}. It is a String, so it shows as text in this project's kernel, IJava and JJava
 * alike. Grading does not read it: it judges the answers the check records ({@link Judge}).
 *
 * <p>The student edition replaces each solution by {@code throw new Exercise.NotDone();}: the cell compiles, and
 * the check says "not done yet". A check never throws: whatever the function does, the notebook goes on.
 */
public final class Exercise {
    private Exercise() {
    }

    /** What an exercise not yet done throws: the stub of the student edition. */
    public static final class NotDone extends RuntimeException {
        public NotDone() {
            super("not done yet", null, false, false);
        }
    }

    /**
     * A cell's work that calls an exercise's function: its result, or, while the exercise is not done (the student
     * edition's stub), one line saying so in place of an exception, so that the notebook goes on.
     */
    public static Object whenDone(String id, Supplier<?> work) {
        try {
            return work.get();
        } catch (NotDone e) {
            return "This cell runs your function of exercise " + id + ": complete that exercise, then run this cell again.";
        }
    }

    /** Throws {@link NotDone}; for a stub that must look like a value ({@code return Exercise.notDone();}). */
    public static <T> T notDone() {
        throw new NotDone();
    }

    // ---- Lab 01 ----

    /** 01.1: KL(N(μ, diag exp(logVar)) ‖ N(0, I)) per row, (mu, logVar) ↦ (n), against {@code Losses.gaussianKl}. */
    public static String klToStandardNormal(BiFunction<NDArray, NDArray, NDArray> kl) {
        return Lab01.kl().check(kl).message();
    }

    /** 01.2: z = μ + σ ⊙ ε, (mu, logVar, epsilon) ↦ z, against {@code Gaussian.reparameterize}. */
    public static String reparameterisation(Function3<NDArray, NDArray, NDArray, NDArray> reparameterise) {
        return Lab01.reparameterisation().check(reparameterise).message();
    }

    /** 01.3: −log p(x | ℓ) per row from the logits, (logits, x) ↦ (n), against {@code Losses.bernoulliNll}. */
    public static String bernoulliLoss(BiFunction<NDArray, NDArray, NDArray> loss) {
        return Lab01.bernoulli().check(loss).message();
    }

    /** 01.4: the product of Gaussian experts with the prior, (mus, logVars) ↦ (μ, log σ²), against {@code Experts.productOfExperts}. */
    public static String productOfExperts(BiFunction<NDArray, NDArray, NDList> product) {
        return Lab01.productOfExperts().check(product).message();
    }

    // ---- Lab 02 ----

    /**
     * 02.1: the VAE's forward pass and the −ELBO of a batch, (weights, x, ε) ↦ scalar, against the library's VAE on the
     * same weights and noise ({@code Vae.loss}), the gradients it gives each weight included.
     */
    public static String vaeNegativeElbo(Function3<VaeWeights, NDArray, NDArray, NDArray> negativeElbo) {
        return Lab02.vaeNegativeElbo().check(negativeElbo).message();
    }

    /** 02.2: the importance-weighted bound per row, logWeights (n, k) ↦ (n), against {@code Losses.iwaeBound}. */
    public static String iwaeBound(Function<NDArray, NDArray> bound) {
        return Lab02.iwaeBound().check(bound).message();
    }

    /** 02.3: the cosine-decayed learning rate from 3·10⁻³, (step, totalSteps) ↦ η, against {@code TrainSettings.learningRateAt}. */
    public static String cosineLearningRate(BiFunction<Integer, Integer, Double> rate) {
        return Lab02.cosineLearningRate().check(rate).message();
    }

    // ---- Lab 03 ----

    /** 03.1: each latent dimension's variance of the posterior means, means (n, d) ↦ (d), against {@code LatentCodes.variances}. */
    public static String latentVariances(Function<NDArray, NDArray> variances) {
        return Lab03.latentVariances().check(variances).message();
    }

    /** 03.2: the unbiased MMD² estimate with the Gaussian kernel, (codes, priorSamples) ↦ scalar, against {@code Losses.mmd}. */
    public static String mmd(BiFunction<NDArray, NDArray, NDArray> mmd) {
        return Lab03.mmd().check(mmd).message();
    }

    // ---- Lab 04 ----

    /** 04.1: the centre loss per row, (mu, centres, labels) ↦ (n), against {@code Losses.centreLoss}. */
    public static String centreLoss(Function3<NDArray, NDArray, int[], NDArray> loss) {
        return Lab04.centreLoss().check(loss).message();
    }

    /**
     * 04.2: the class separation B/W, (codes (N, d), each code's class mean (N, d), the class means (K, d)) ↦ scalar, against
     * {@code Separation.ratio}.
     */
    public static String classSeparation(Function3<NDArray, NDArray, NDArray, NDArray> separation) {
        return Lab04.classSeparation().check(separation).message();
    }

    // ---- Lab 05 ----

    /**
     * 05.1: the mixture of products' subset posteriors, experts (2, n, d) ↦ (μ, log σ²) of {1}, {2}, {1, 2}, each (3, n, d), the
     * prior in every subset, against {@code Experts.productOfExperts}.
     */
    public static String subsetPosteriors(BiFunction<NDArray, NDArray, NDList> subsets) {
        return Lab05.subsetPosteriors().check(subsets).message();
    }

    /** 05.2: −log Laplace(x; μ, b) per row, (location, x, b) ↦ (n), against {@code Losses.laplaceNll}. */
    public static String laplaceNll(Function3<NDArray, NDArray, Float, NDArray> loss) {
        return Lab05.laplaceNll().check(loss).message();
    }

    // ---- Lab 06 ----

    /** 06.1: the side a convolution leaves, (side, kernel, stride, padding) ↦ side, against DJL's {@code Conv2d}. */
    public static String convolvedSize(Function4<Integer, Integer, Integer, Integer, Integer> side) {
        return Lab06.convolvedSize().check(side).message();
    }

    /** 06.2: −log N(x; μ, σ_i² I) with σ_i fitted to each row, (mean, x) ↦ (n), against {@code Losses.gaussianNllOptimalSigma}. */
    public static String gaussianNllOptimalSigma(BiFunction<NDArray, NDArray, NDArray> loss) {
        return Lab06.gaussianNllOptimalSigma().check(loss).message();
    }

    // ---- Lab 07 ----

    /**
     * 07.2: the least-squares linear map between two latent spaces, (source codes (N, d), target codes (N, d'), ridge λ) ↦ W
     * (d + 1, d'), against {@code LatentMap.fit}.
     */
    public static String linearMap(Function3<NDArray, NDArray, Float, NDArray> map) {
        return Lab07.linearMap().check(map).message();
    }

    /** 07.1: the loss of one fine-tuning step, (decoder, codes, targets, picked) ↦ scalar, against {@code Swaps.fineTuneDecoder}'s. */
    public static String fineTuningLoss(Function4<Function<NDArray, NDArray>, NDArray, NDArray, int[], NDArray> loss) {
        return Lab07.fineTuningLoss().check(loss).message();
    }
}
