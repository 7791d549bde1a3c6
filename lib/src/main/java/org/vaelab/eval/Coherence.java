package org.vaelab.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.vaelab.data.Batch;
import org.vaelab.data.Batches;
import org.vaelab.data.PairedViews;
import org.vaelab.judge.Classifier;
import org.vaelab.sample.Noise;

import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Whether generated images keep their meaning, judged by classifiers (the MMVAE paper's metrics):
 * cross-coherence — view b generated from view a alone has a's label; joint coherence — both views
 * decoded from one code (a prior sample, or a sample of a density fitted to the codes) get the same label
 * from their two judges.
 */
public final class Coherence {
    private Coherence() {
    }

    /**
     * The fraction of test pairs whose generated view {@code to} is judged to have the pair's label.
     *
     * @param generate from a batch of view {@code from} (n, pixels), the generated view {@code to} (n, pixels)
     */
    public static double cross(PairedViews test, int from, UnaryOperator<NDArray> generate, Classifier judgeOfTarget) {
        int agree = 0;
        try (NDManager manager = NDManager.newBaseManager(judgeOfTarget.device())) {
            for (Batch batch : Batches.of(test, 500, 0, 0, false, manager)) {
                try (batch) {
                    int[] predicted = judgeOfTarget.predict(generate.apply(batch.x(from)));
                    int[] labels = batch.labelValues();
                    for (int i = 0; i < labels.length; i++) {
                        agree += predicted[i] == labels[i] ? 1 : 0;
                    }
                }
            }
        }
        return agree / (double) test.size();
    }

    /**
     * The three coherences of the real test pairs, as if a model had generated each pair's real
     * partner: {the second view's judge names the label of the real second view, the first view's
     * judge that of the real first view, the two judges name the same label}. No model scores above
     * its judges, so these are the ceilings of {@link #cross} and {@link #joint}.
     */
    public static double[] ofRealPairs(PairedViews test, Classifier judgeOfFirst, Classifier judgeOfSecond) {
        RealPairs real = RealPairs.judged(test, judgeOfFirst, judgeOfSecond);
        int secondRight = 0;
        int firstRight = 0;
        int agree = 0;
        for (int i = 0; i < real.labels().length; i++) {
            secondRight += real.second()[i] == real.labels()[i] ? 1 : 0;
            firstRight += real.first()[i] == real.labels()[i] ? 1 : 0;
            agree += real.first()[i] == real.second()[i] ? 1 : 0;
        }
        double n = test.size();
        return new double[] {secondRight / n, firstRight / n, agree / n};
    }

    /**
     * The two cross-coherences of a model that first recognises the source image as well as the source's
     * judge does, then returns a real image of the label it recognised, drawn at random among the target
     * view's test images of that label: {first → second, second → first}. Cross-generation from one view
     * is bounded by how well that view's image tells its label; this is the bound with these judges.
     * The draw is averaged exactly: a pair whose source was read as label c scores the fraction of the
     * target's label-c test images that the target's judge names with the pair's label.
     */
    public static double[] ofRecognisedPairs(PairedViews test, Classifier judgeOfFirst, Classifier judgeOfSecond) {
        RealPairs real = RealPairs.judged(test, judgeOfFirst, judgeOfSecond);
        double[][] secondReadAs = real.confusion(real.second());
        double[][] firstReadAs = real.confusion(real.first());
        double firstToSecond = 0;
        double secondToFirst = 0;
        for (int i = 0; i < real.labels().length; i++) {
            firstToSecond += secondReadAs[real.first()[i]][real.labels()[i]];
            secondToFirst += firstReadAs[real.second()[i]][real.labels()[i]];
        }
        return new double[] {firstToSecond / test.size(), secondToFirst / test.size()};
    }

    /** Each test pair's label and the labels its two judges give its real views. */
    private record RealPairs(int[] labels, int[] first, int[] second) {
        static RealPairs judged(PairedViews test, Classifier judgeOfFirst, Classifier judgeOfSecond) {
            int n = test.size();
            int[] labels = new int[n];
            int[] first = new int[n];
            int[] second = new int[n];
            try (NDManager manager = NDManager.newBaseManager(judgeOfFirst.device())) {
                for (Batch batch : Batches.of(test, 500, 0, 0, false, manager)) {
                    try (batch) {
                        int[] order = batch.indices();
                        int[] firstRead = judgeOfFirst.predict(batch.x(0));
                        int[] secondRead = judgeOfSecond.predict(batch.x(1));
                        int[] batchLabels = batch.labelValues();
                        for (int i = 0; i < order.length; i++) {
                            labels[order[i]] = batchLabels[i];
                            first[order[i]] = firstRead[i];
                            second[order[i]] = secondRead[i];
                        }
                    }
                }
            }
            return new RealPairs(labels, first, second);
        }

        /** [c][b]: the fraction of the pairs labelled c whose view was read as b ({@code read}: one judge's labels). */
        double[][] confusion(int[] read) {
            int classes = 1 + java.util.Arrays.stream(labels).max().orElse(0);
            for (int r : read) {
                classes = Math.max(classes, r + 1);
            }
            double[][] counts = new double[classes][classes];
            double[] totals = new double[classes];
            for (int i = 0; i < labels.length; i++) {
                counts[labels[i]][read[i]]++;
                totals[labels[i]]++;
            }
            for (int c = 0; c < classes; c++) {
                for (int b = 0; b < classes; b++) {
                    counts[c][b] = totals[c] > 0 ? counts[c][b] / totals[c] : 0;
                }
            }
            return counts;
        }
    }

    /**
     * The fraction of {@code samples} prior codes z ~ N(0, I) whose two decoded views get the same label.
     *
     * @param decode from codes (n, latent), the two views {decoded view 1, decoded view 2}
     */
    public static double joint(int samples, int latent, long seed, Function<NDArray, NDArray[]> decode,
                               Classifier judgeOfFirst, Classifier judgeOfSecond) {
        Noise.seedEngine(seed);
        try (NDManager manager = NDManager.newBaseManager(judgeOfFirst.device())) {
            return agreement(decode.apply(manager.randomNormal(new Shape(samples, latent))), judgeOfFirst, judgeOfSecond);
        }
    }

    /**
     * Joint coherence of given codes (one per row) instead of prior samples: for codes drawn from a density
     * fitted to the training pairs' codes ({@link org.vaelab.sample.GaussianMixtureSampler}), the joint
     * coherence of a model sampled where its codes are, not where the prior puts mass.
     */
    public static double joint(double[][] codes, Function<NDArray, NDArray[]> decode, Classifier judgeOfFirst, Classifier judgeOfSecond) {
        int latent = codes[0].length;
        float[] flat = new float[codes.length * latent];
        for (int i = 0; i < codes.length; i++) {
            for (int j = 0; j < latent; j++) {
                flat[i * latent + j] = (float) codes[i][j];
            }
        }
        try (NDManager manager = NDManager.newBaseManager(judgeOfFirst.device())) {
            return agreement(decode.apply(manager.create(flat, new Shape(codes.length, latent))), judgeOfFirst, judgeOfSecond);
        }
    }

    private static double agreement(NDArray[] views, Classifier judgeOfFirst, Classifier judgeOfSecond) {
        int[] first = judgeOfFirst.predict(views[0]);
        int[] second = judgeOfSecond.predict(views[1]);
        int agree = 0;
        for (int i = 0; i < first.length; i++) {
            agree += first[i] == second[i] ? 1 : 0;
        }
        return agree / (double) first.length;
    }
}
