package org.vaelab.exercise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lab 03's checks: the β-weighted loss and the MMD estimate. */
@Tag("engines")
class Lab03Test {
    @Test
    void theActiveUnitsCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab03.latentVariances());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab03.latentVariances());
        Verdicts.aStubIsNotDoneYet(Lab03.latentVariances());
    }

    @Test
    void twoCodesVaryByAQuarterOfTheirSquaredGapAndTheSpreadsComeBackSquared() {
        // Two codes a and b: each dimension's variance (population, ÷ n) is ((a − b) / 2)².
        float[] two = Inputs.normal(113, 6, 0, 1);
        double[] got = Verdicts.libraryAnswer(Lab03.latentVariances(), 1, 0);
        for (int j = 0; j < 3; j++) {
            double gap = (j + 1) * (two[j] - two[3 + j]);
            assertEquals(gap * gap / 4, got[j], 1e-4 * Math.max(1, gap * gap));
        }
        // 200 codes drawn with spreads 1, 0.5, 0.2, 0.05, 0.01, 0.001: three exceed Burda's 0.01, three do not.
        double[] spread = Verdicts.libraryAnswer(Lab03.latentVariances(), 0, 0);
        long active = java.util.Arrays.stream(spread).filter(v -> v > org.vaelab.eval.LatentCodes.ACTIVE_THRESHOLD).count();
        assertEquals(3, active, java.util.Arrays.toString(spread));
    }

    @Test
    void theMmdCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab03.mmd());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab03.mmd());
        Verdicts.aStubIsNotDoneYet(Lab03.mmd());
    }

    @Test
    void theMmdOfTwoAgainstTwoIsWorkedOutByHand() {
        double[][] x = {{0.5, -1}, {2, 0.3}};
        double[][] y = {{0, 0.2}, {-0.7, 1.1}};
        double c = 2 * 2;
        double expected = k(x[0], x[1], c) + k(y[0], y[1], c) // each within-sample sum holds k(a, b) twice, divided by 2·1
                - 2.0 / 4 * (k(x[0], y[0], c) + k(x[0], y[1], c) + k(x[1], y[0], c) + k(x[1], y[1], c));
        assertEquals(expected, Verdicts.libraryAnswer(Lab03.mmd(), 5, 0)[0], 1e-5);
    }

    private static double k(double[] a, double[] b, double c) {
        double d2 = (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]);
        return Math.exp(-d2 / c);
    }
}
