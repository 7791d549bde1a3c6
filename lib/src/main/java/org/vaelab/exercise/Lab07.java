package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.vaelab.loss.Losses;
import org.vaelab.model.Likelihood;

import java.util.Arrays;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.vaelab.exercise.Inputs.array;
import static org.vaelab.exercise.Inputs.normal;
import static org.vaelab.exercise.Inputs.uniform;

/** Lab 07's exercises: counting how often the class survives a swap, and the loss of one step of fine-tuning a decoder. */
final class Lab07 {
    private Lab07() {
    }

    // ---- 07.1 ----

    /** The count of {@code Swaps.classSurvival}: the images whose judged class is their own, over all the images. */
    private static Double survival(int[] judged, int[] labels) {
        int agree = 0;
        for (int i = 0; i < labels.length; i++) {
            agree += judged[i] == labels[i] ? 1 : 0;
        }
        return agree / (double) labels.length;
    }

    private static Checker.Run<BiFunction<int[], int[], Double>> judged(int[] judged, int[] labels) {
        return (f, m) -> Answer.of(f.apply(judged.clone(), labels.clone()));
    }

    /** n labels at random and a judge that names the right class in about {@code rate} of them, another class otherwise. */
    private static int[][] judgedAt(long seed, int n, double rate) {
        Random random = new Random(seed);
        int[] labels = new int[n];
        int[] judged = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(10);
            judged[i] = random.nextDouble() < rate ? labels[i] : (labels[i] + 1 + random.nextInt(9)) % 10;
        }
        return new int[][] {judged, labels};
    }

    static Checker<BiFunction<int[], int[], Double>> classSurvival() {
        int[][] thousand = judgedAt(161, 1000, 0.086);
        int[][] mostly = judgedAt(162, 50, 0.9);
        int[] digits = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        return new Checker<BiFunction<int[], int[], Double>>("07.1", "the count of Swaps.classSurvival", Lab07::survival)
                .input("1000 test digits, the class kept in about 9 % of them", judged(thousand[0], thousand[1]))
                .input("one digit of each class, judged 0, 1, 2, 5, 5, 5, 0, 0, 0, 0", judged(new int[] {0, 1, 2, 5, 5, 5, 0, 0, 0, 0}, digits))
                .input("50 digits, the class kept in most", judged(mostly[0], mostly[1]))
                .input("a single image whose class is lost", judged(new int[] {3}, new int[] {8}))
                .input("a single image whose class survives", judged(new int[] {4}, new int[] {4}))
                .input("ten images, every class kept", judged(digits, digits))
                .tolerance(1e-9, 1e-12)
                .mistake("integer division: agree / n of two ints rounds down to 0 unless every class survives. "
                                + "Divide as double: agree / (double) n.",
                        (j, l) -> (double) (int) Math.floor(survival(j, l)))
                .mistake("you counted the images whose class was lost; class survival counts those whose judged class is their own.",
                        (j, l) -> 1 - survival(j, l))
                .mistake("a fraction between 0 and 1, not a percentage.",
                        (j, l) -> 100 * survival(j, l))
                .mistake("that is the number of images whose class survives: divide it by the number of images.",
                        (j, l) -> survival(j, l) * l.length);
    }

    // ---- 07.2 ----

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
        return new Checker<Function4<Function<NDArray, NDArray>, NDArray, NDArray, int[], NDArray>>("07.2",
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
