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
 * decoded from one prior sample get the same label from their two judges.
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
        int secondRight = 0;
        int firstRight = 0;
        int agree = 0;
        try (NDManager manager = NDManager.newBaseManager(judgeOfFirst.device())) {
            for (Batch batch : Batches.of(test, 500, 0, 0, false, manager)) {
                try (batch) {
                    int[] first = judgeOfFirst.predict(batch.x(0));
                    int[] second = judgeOfSecond.predict(batch.x(1));
                    int[] labels = batch.labelValues();
                    for (int i = 0; i < labels.length; i++) {
                        secondRight += second[i] == labels[i] ? 1 : 0;
                        firstRight += first[i] == labels[i] ? 1 : 0;
                        agree += first[i] == second[i] ? 1 : 0;
                    }
                }
            }
        }
        double n = test.size();
        return new double[] {secondRight / n, firstRight / n, agree / n};
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
            NDArray[] views = decode.apply(manager.randomNormal(new Shape(samples, latent)));
            int[] first = judgeOfFirst.predict(views[0]);
            int[] second = judgeOfSecond.predict(views[1]);
            int agree = 0;
            for (int i = 0; i < samples; i++) {
                agree += first[i] == second[i] ? 1 : 0;
            }
            return agree / (double) samples;
        }
    }
}
