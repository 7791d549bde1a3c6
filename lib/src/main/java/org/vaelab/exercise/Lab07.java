package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.vaelab.eval.LatentMap;
import org.vaelab.loss.Losses;
import org.vaelab.model.Likelihood;

import java.util.Arrays;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.vaelab.exercise.Inputs.array;
import static org.vaelab.exercise.Inputs.matrix;
import static org.vaelab.exercise.Inputs.rows;
import static org.vaelab.exercise.Inputs.normal;
import static org.vaelab.exercise.Inputs.uniform;

/** Lab 07's exercises: the least-squares linear map between two latent spaces, and the loss of one step of fine-tuning a decoder. */
final class Lab07 {
    private Lab07() {
    }

    // ---- 07.2 (the linear map) ----

    /** The library's least-squares map (LatentMap.fit), as an array (d + 1, d'). */
    private static NDArray libraryMap(NDArray source, NDArray target, Float ridge) {
        return matrix(source.getManager(), LatentMap.fit(rows(source), rows(target), ridge));
    }

    /** The normal equations in NDArrays with one step changed, for the mistakes. */
    private static NDArray normalEquations(NDArray a, NDArray b, float ridge, boolean bias, boolean ridgeOnBias) {
        long n = a.getShape().get(0);
        NDArray x = bias ? a.concat(a.getManager().ones(new Shape(n, 1)), 1) : a;
        long d = x.getShape().get(1);
        NDArray penalty = a.getManager().eye((int) d).mul(ridge);
        if (bias && !ridgeOnBias) {
            penalty.set(new NDIndex(d - 1 + "," + (d - 1)), 0f);
        }
        return x.transpose().matMul(x).add(penalty).inverse().matMul(x.transpose().matMul(b));
    }

    /** N pairs of codes: target = source M + c + noise, source codes of {@code dIn} dimensions around {@code offset}. */
    private static Checker.Run<Function3<NDArray, NDArray, Float, NDArray>> pairs(long seed, int n, int dIn, int dOut, double offset,
                                                                                  double noise, float ridge) {
        float[] source = normal(seed, n * dIn, offset, 1);
        float[] map = normal(seed + 1, dIn * dOut, 0, 0.7);
        float[] shift = normal(seed + 2, dOut, 0, 1);
        float[] jitter = normal(seed + 3, n * dOut, 0, noise);
        float[] target = new float[n * dOut];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dOut; c++) {
                double sum = shift[c] + jitter[i * dOut + c];
                for (int a = 0; a < dIn; a++) {
                    sum += source[i * dIn + a] * map[a * dOut + c];
                }
                target[i * dOut + c] = (float) sum;
            }
        }
        return (f, m) -> Answer.of(f.apply(array(m, source, n, dIn), array(m, target, n, dOut), ridge));
    }

    static Checker<Function3<NDArray, NDArray, Float, NDArray>> linearMap() {
        return new Checker<Function3<NDArray, NDArray, Float, NDArray>>("07.2", "LatentMap.fit (the normal equations in double precision)",
                Lab07::libraryMap)
                .input("100 pairs of 4-d codes, target = source M + c + noise, λ = 1", pairs(191, 100, 4, 4, 0, 0.1, 1f))
                .input("10 pairs of 20-d codes, fewer pairs than dimensions, λ = 1", pairs(193, 10, 20, 20, 0, 0.1, 1f))
                .input("50 pairs from 3 to 2 dimensions, the source codes around 5 (the bias matters), λ = 0.1",
                        pairs(195, 50, 3, 2, 5, 0.05, 0.1f))
                .input("30 pairs of 2-d codes mapped exactly, λ = 0", pairs(197, 30, 2, 2, 0, 0, 0f))
                .tolerance(2e-3, 2e-4)
                .shapeHint("W has one row per source dimension and one for the bias, (d + 1, d'): put a column of ones beside the source "
                        + "codes, a.concat(ones, 1), before solving.")
                .mistake("the ridge λ is left off the bias row: penalise the weights, D = diag(1, …, 1, 0), not the bias.",
                        (a, b, ridge) -> normalEquations(a, b, ridge, true, true))
                .mistake("the ridge is missing: add λ to the diagonal of XᵀX (all but the bias), (XᵀX + λD)⁻¹ Xᵀ B.",
                        (a, b, ridge) -> normalEquations(a, b, 0f, true, false))
                .mistake("W has a row for the bias too: put a column of ones beside the source codes, X = [A 1], so that the map can "
                                + "shift the codes as well as turn them; W is (d + 1, d').",
                        (a, b, ridge) -> normalEquations(a, b, ridge, false, false))
                .mistake("that is the map from the target codes to the source codes: X holds the source codes, B the target codes.",
                        (a, b, ridge) -> normalEquations(b, a, ridge, true, false));
    }

    // ---- 07.1 (one fine-tuning step) ----

    private static NDArray libraryLoss(Function<NDArray, NDArray> decoder, NDArray codes, NDArray targets, int[] picked) {
        NDArray index = codes.getManager().create(picked);
        NDArray z = codes.get(new NDIndex("{}", index));
        NDArray x = targets.get(new NDIndex("{}", index));
        return Likelihood.BERNOULLI.negativeLogLikelihood(decoder.apply(z), x).mean();
    }

    /**
     * {@code pairs} pairs (codes of {@code latent} dimensions, images of {@code pixels}), a decoder that is a fixed
     * random linear map from codes to logits, and the indices of the pairs picked for the step.
     */
    private static Checker.Run<Function4<Function<NDArray, NDArray>, NDArray, NDArray, int[], NDArray>> step(long seed, int pairs, int latent,
                                                                                                          int pixels, int[] picked) {
        return (f, m) -> {
            NDArray weights = array(m, normal(seed, latent * pixels, 0, 0.5), latent, pixels);
            Function<NDArray, NDArray> decoder = z -> z.matMul(weights);
            return Answer.of(f.apply(decoder, array(m, normal(seed + 1, pairs * latent, 0, 1), pairs, latent),
                    array(m, uniform(seed + 2, pairs * pixels), pairs, pixels), picked.clone()));
        };
    }

    static Checker<Function4<Function<NDArray, NDArray>, NDArray, NDArray, int[], NDArray>> fineTuningLoss() {
        int[] sixteen = Inputs.labels(171, 16, 30);
        int[] all = new int[12];
        Arrays.setAll(all, i -> i);
        return new Checker<Function4<Function<NDArray, NDArray>, NDArray, NDArray, int[], NDArray>>("07.1",
                "the loss Swaps.fineTuneDecoder minimises", Lab07::libraryLoss)
                .input("30 pairs (latent 20, 784 pixels), 16 of them picked at random", step(172, 30, 20, 784, sixteen))
                .input("10 pairs, 4 picked, one of them twice (7, 2, 7, 0)", step(175, 10, 5, 12, new int[] {7, 2, 7, 0}))
                .input("one pair picked (the 4th of 6)", step(178, 6, 3, 8, new int[] {3}))
                .input("every one of 12 pairs, in order", step(181, 12, 4, 10, all))
                .tolerance(1e-4, 1e-3)
                .shapeHint("The loss of a step is one number: the mean over the picked pairs, .mean().")
                .mistake("use only the picked pairs: the codes and the targets at the indices in picked.",
                        (decoder, codes, targets, picked) -> Likelihood.BERNOULLI.negativeLogLikelihood(decoder.apply(codes), targets).mean())
                .mistake("the target of code picked[i] is targets[picked[i]]: index the codes and the targets with the same picked.",
                        (decoder, codes, targets, picked) -> {
                            int[] first = new int[picked.length];
                            Arrays.setAll(first, i -> i);
                            NDArray z = codes.get(new NDIndex("{}", codes.getManager().create(picked)));
                            NDArray x = targets.get(new NDIndex("{}", codes.getManager().create(first)));
                            return Losses.bernoulliNll(decoder.apply(z), x).mean();
                        })
                .mistake("your value is the batch size times the expected one: the loss of a step is the mean over its pairs, not their sum.",
                        (decoder, codes, targets, picked) -> libraryLoss(decoder, codes, targets, picked).mul(picked.length))
                .mistake("this decoder is Bernoulli: the loss is Losses.bernoulliNll of the decoder's logits and the targets.",
                        (decoder, codes, targets, picked) -> {
                            NDArray index = codes.getManager().create(picked);
                            return Losses.gaussianNll(decoder.apply(codes.get(new NDIndex("{}", index))),
                                    targets.get(new NDIndex("{}", index))).mean();
                        });
    }
}
