package org.vaelab.exercise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lab 03's checks: the β-weighted loss and the MMD estimate. */
@Tag("engines")
class Lab03Test {
    @Test
    void theBetaLossCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab03.betaVaeLoss());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab03.betaVaeLoss());
        Verdicts.aStubIsNotDoneYet(Lab03.betaVaeLoss());
    }

    @Test
    void atBetaZeroTheLossIsTheReconstructionAlone() {
        float[] reconstruction = Inputs.normal(100, 4, 100, 15);
        assertArrayEquals(new double[] {reconstruction[0], reconstruction[1], reconstruction[2], reconstruction[3]},
                Verdicts.libraryAnswer(Lab03.betaVaeLoss(), 3, 0), 1e-4);
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
