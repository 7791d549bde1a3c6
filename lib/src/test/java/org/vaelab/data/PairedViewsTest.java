package org.vaelab.data;

import org.vaelab.model.multiview.*;
import org.vaelab.train.Trained;
import org.vaelab.Trainers;
import org.vaelab.Data;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pairing real MNIST with real Fashion-MNIST by label, and the rule for classes of unequal size. */
class PairedViewsTest {
    private static ImageSet mnist;
    private static ImageSet fashion;

    @BeforeAll
    static void load() throws IOException {
        mnist = Data.mnist(Split.TEST);
        fashion = Data.fashionMnist(Split.TEST);
    }

    @Test
    void everyPairSharesItsLabelAndEveryFirstImageAppearsPairsPerImageTimes() {
        PairedViews pairs = PairedViews.byLabel(mnist, fashion, 3, 7);
        assertEquals(3 * mnist.size(), pairs.size());
        int[] uses = new int[mnist.size()];
        for (int i = 0; i < pairs.size(); i++) {
            assertEquals(mnist.label(pairs.firstIndex(i)), fashion.label(pairs.secondIndex(i)), "pair " + i);
            assertEquals(pairs.label(i), mnist.label(pairs.firstIndex(i)));
            uses[pairs.firstIndex(i)]++;
        }
        for (int use : uses) {
            assertEquals(3, use);
        }
    }

    @Test
    void theSecondViewIsUsedAsEvenlyAsTheCountsAllow() {
        // MNIST test has 1,135 ones and Fashion-MNIST test 1,000 trousers: each trouser is used once or twice.
        PairedViews pairs = PairedViews.byLabel(mnist, fashion, 1, 7);
        int[] uses = new int[fashion.size()];
        for (int i = 0; i < pairs.size(); i++) {
            uses[pairs.secondIndex(i)]++;
        }
        int[] mnistCounts = mnist.classCounts();
        for (int j = 0; j < fashion.size(); j++) {
            int k = fashion.label(j);
            int floor = mnistCounts[k] / 1000;
            assertTrue(uses[j] == floor || uses[j] == floor + 1, "Fashion image " + j + " of class " + k + " used " + uses[j] + " times");
        }
    }

    @Test
    void theSameSeedGivesTheSamePairsAndAnotherSeedOthers() {
        PairedViews a = PairedViews.byLabel(mnist, fashion, 1, 42);
        PairedViews b = PairedViews.byLabel(mnist, fashion, 1, 42);
        PairedViews c = PairedViews.byLabel(mnist, fashion, 1, 43);
        boolean differs = false;
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.secondIndex(i), b.secondIndex(i));
            differs |= a.secondIndex(i) != c.secondIndex(i);
        }
        assertTrue(differs);
    }

    @Test
    void aClassWithoutPartnersIsAnError() {
        ImageSet onlyZeros = new ImageSet("zeros", 1, 1, 1, new byte[2], new int[] {0, 0}, List.of("0", "1"));
        ImageSet withOne = new ImageSet("ones", 1, 1, 1, new byte[1], new int[] {1}, List.of("0", "1"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PairedViews.byLabel(onlyZeros, withOne, 1, 0));
        assertTrue(error.getMessage().contains("ones has no image of class 0"), error.getMessage());
        assertFalse(error.getMessage().isBlank());
    }
}
