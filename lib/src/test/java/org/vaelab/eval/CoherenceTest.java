package org.vaelab.eval;

import org.vaelab.model.multiview.*;
import org.vaelab.train.Trained;
import org.vaelab.Trainers;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.Data;
import org.vaelab.data.ImageSet;
import org.vaelab.data.PairedViews;
import org.vaelab.data.Split;
import org.vaelab.judge.Classifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each coherence metric on mappings whose answer is known, with a real digit classifier as the judge. */
class CoherenceTest {
    private static Classifier judge;
    private static ImageSet test;
    private static PairedViews digitsWithDigits;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void train() throws IOException {
        judge = Classifier.trainOrLoad(Trainers.in(tmp), Data.mnist(Split.TRAIN).head(6000), Data.mnist(Split.TEST).head(1000), 1, 3);
        test = Data.mnist(Split.TEST).head(1000);
        // MNIST paired with MNIST by label: the "other view" of a digit is another digit of the same class.
        digitsWithDigits = PairedViews.byLabel(test, test, 1, 5);
    }

    @Test
    void crossCoherenceOfTheIdentityIsTheJudgesAccuracyAndOfAShiftIsChance() {
        double identity = Coherence.cross(digitsWithDigits, 0, x -> x.duplicate(), judge);
        assertEquals(judge.testAccuracy(), identity, 1e-9, "generating the input itself: the judge's own accuracy");
        double shifted = Coherence.cross(digitsWithDigits, 0,
                x -> x.get(new NDIndex("1:")).concat(x.get(new NDIndex(":1")), 0), judge);
        assertTrue(shifted < 0.3, "images moved one place in the batch carry the wrong labels: " + shifted);
    }

    @Test
    void jointCoherenceOfMatchingViewsIsHighAndOfMismatchedViewsLow() {
        int n = 300;
        int[][] chosen = threeHundredPairs();
        int[] first = chosen[0];
        int[] matching = chosen[1];
        int[] mismatched = chosen[2];
        double same = Coherence.joint(n, 2, 1, z -> views(z.getManager(), first, matching), judge, judge);
        double different = Coherence.joint(n, 2, 1, z -> views(z.getManager(), first, mismatched), judge, judge);
        assertTrue(same > 0.85, "two digits of one class judged alike: " + same);
        assertTrue(different < 0.3, "two digits of unrelated classes judged alike: " + different);
    }

    @Test
    void realPairsScoreTheJudgesOwnAccuracies() {
        double[] real = Coherence.ofRealPairs(digitsWithDigits, judge, judge);
        // Every test digit is the first view of exactly one pair.
        assertEquals(judge.testAccuracy(), real[1], 1e-9, "first views: the judge's test accuracy");
        assertTrue(Math.abs(real[0] - judge.testAccuracy()) < 0.05, "second views, digits of the same classes: " + real[0]);
        // Two right answers agree, so agreement is at least the chance that both are right.
        assertTrue(real[2] >= real[0] + real[1] - 1 - 1e-9, "joint " + real[2] + " from " + real[0] + " and " + real[1]);
        assertTrue(real[2] < 1, "a judge below 100 % disagrees with itself on some pairs of distinct digits: " + real[2]);
    }

    @Test
    void jointCoherenceOfGivenCodesDecodesExactlyThoseCodesInOrder() {
        int n = 300;
        int[][] chosen = threeHundredPairs();
        int[] first = chosen[0];
        int[] matching = chosen[1];
        int[] mismatched = chosen[2];
        // Code i = (i, sign): the decoder shows pair i's first view, and its partner when the sign is positive.
        java.util.function.Function<NDArray, NDArray[]> decode = z -> {
            float[] codes = z.toFloatArray();
            int[] a = new int[n];
            int[] b = new int[n];
            for (int i = 0; i < n; i++) {
                int row = Math.round(codes[2 * i]);
                a[i] = first[row];
                b[i] = codes[2 * i + 1] > 0 ? matching[row] : mismatched[row];
            }
            return views(z.getManager(), a, b);
        };
        double[][] partners = new double[n][];
        double[][] strangers = new double[n][];
        for (int i = 0; i < n; i++) {
            partners[i] = new double[] {i, 1};
            strangers[i] = new double[] {i, -1};
        }
        double same = Coherence.joint(partners, decode, judge, judge);
        double prior = Coherence.joint(n, 2, 1, z -> views(z.getManager(), first, matching), judge, judge);
        assertEquals(prior, same, 1e-12, "the same 300 pairs, reached through the codes");
        assertTrue(Coherence.joint(strangers, decode, judge, judge) < 0.3, "codes that pick unrelated partners");
    }

    @Test
    void theReadThenDrawBoundAveragesTheTargetJudgesConfusionOverWhatTheSourceJudgeRead() {
        double[] bound = Coherence.ofRecognisedPairs(digitsWithDigits, judge, judge);
        // By hand: the judge's label for every test digit, then the formula of the Javadoc.
        int[] read;
        try (NDManager manager = NDManager.newBaseManager()) {
            int[] all = new int[test.size()];
            java.util.Arrays.setAll(all, i -> i);
            read = judge.predict(test.toFloats(manager, all));
        }
        int n = digitsWithDigits.size();
        double[][] secondReadAs = new double[10][10];
        double[] perLabel = new double[10];
        for (int i = 0; i < n; i++) {
            secondReadAs[digitsWithDigits.label(i)][read[digitsWithDigits.secondIndex(i)]]++;
            perLabel[digitsWithDigits.label(i)]++;
        }
        double expected = 0;
        for (int i = 0; i < n; i++) {
            int label = digitsWithDigits.label(i);
            expected += secondReadAs[read[digitsWithDigits.firstIndex(i)]][label] / perLabel[read[digitsWithDigits.firstIndex(i)]];
        }
        expected /= n;
        assertEquals(expected, bound[0], 1e-12, "first → second");
        double accuracy = judge.testAccuracy();
        // Read right (probability about acc), then a digit of the right class judged right (about acc again): near acc².
        assertTrue(bound[1] < accuracy && bound[1] > accuracy * accuracy - 0.03, "second → first " + bound[1] + ", judge " + accuracy);
    }

    /** 300 test pairs: {their first views, their own partners, partners of unrelated pairs}. */
    private static int[][] threeHundredPairs() {
        int[][] chosen = new int[3][300];
        for (int i = 0; i < 300; i++) {
            chosen[0][i] = digitsWithDigits.firstIndex(i * 3);
            chosen[1][i] = digitsWithDigits.secondIndex(i * 3);
            chosen[2][i] = digitsWithDigits.secondIndex((i * 3 + 501) % digitsWithDigits.size());
        }
        return chosen;
    }

    private static NDArray[] views(NDManager manager, int[] first, int[] second) {
        return new NDArray[] {test.toFloats(manager, first), test.toFloats(manager, second)};
    }
}
