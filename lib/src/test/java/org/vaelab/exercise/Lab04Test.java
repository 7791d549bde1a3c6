package org.vaelab.exercise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lab 04's checks: the centre loss and the class separation. */
@Tag("engines")
class Lab04Test {
    @Test
    void theCentreLossCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab04.centreLoss());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab04.centreLoss());
        Verdicts.aStubIsNotDoneYet(Lab04.centreLoss());
    }

    @Test
    void codesAtTheirCentresCostNothingAndOneRowIsItsSquaredDistance() {
        assertArrayEquals(new double[3], Verdicts.libraryAnswer(Lab04.centreLoss(), 4, 0), 1e-6);
        float[] mu = Inputs.normal(126, 6, 0, 2);
        float[] centres = Inputs.normal(127, 60, 0, 2);
        double expected = 0;
        for (int j = 0; j < 6; j++) {
            expected += (mu[j] - centres[7 * 6 + j]) * (mu[j] - centres[7 * 6 + j]);
        }
        assertEquals(expected, Verdicts.libraryAnswer(Lab04.centreLoss(), 2, 0)[0], 1e-4);
    }

    @Test
    void theSeparationCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab04.classSeparation());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab04.classSeparation());
        Verdicts.aStubIsNotDoneYet(Lab04.classSeparation());
    }

    @Test
    void sixCodesInThePlaneAreSeparatedByFourHundredNinths() {
        // class means (1, 0), (11, 0), (1, 10); their mean (13/3, 10/3); B = (200/9 + 500/9 + 500/9) / 3 = 400/9; W = 1
        assertEquals(400.0 / 9, Verdicts.libraryAnswer(Lab04.classSeparation(), 0, 0)[0], 1e-5);
        assertEquals(400.0 / 9, org.vaelab.eval.Separation.ratio(new double[][] {{0, 0}, {2, 0}, {10, 0}, {12, 0}, {0, 10}, {2, 10}},
                new int[] {0, 0, 1, 1, 2, 2}, 10), 1e-12);
        assertEquals(Verdicts.libraryAnswer(Lab04.classSeparation(), 1, 0)[0], Verdicts.libraryAnswer(Lab04.classSeparation(), 5, 0)[0], 1e-4,
                "scaling every code leaves B/W as it is");
    }
}
