package org.vaelab.exercise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lab 02's checks: the −ELBO of a batch, the importance-weighted bound and the cosine-decayed learning rate. */
@Tag("engines")
class Lab02Test {
    @Test
    void theElboCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab02.negativeElbo());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab02.negativeElbo());
        Verdicts.aStubIsNotDoneYet(Lab02.negativeElbo());
    }

    @Test
    void theIwaeCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab02.iwaeBound());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab02.iwaeBound());
        Verdicts.aStubIsNotDoneYet(Lab02.iwaeBound());
    }

    @Test
    void withOneSampleTheBoundIsTheLogWeightAndOnOneRowItIsTheLogOfTheMeanWeight() {
        float[] single = Inputs.normal(82, 3, -1, 2);
        assertArrayEquals(new double[] {single[0], single[1], single[2]}, Verdicts.libraryAnswer(Lab02.iwaeBound(), 1, 0), 1e-6);
        float[] row = Inputs.normal(83, 8, 1, 1);
        double mean = 0;
        for (float a : row) {
            mean += Math.exp(a) / 8;
        }
        assertEquals(Math.log(mean), Verdicts.libraryAnswer(Lab02.iwaeBound(), 2, 0)[0], 1e-5);
    }

    @Test
    void theLearningRateCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab02.cosineLearningRate());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab02.cosineLearningRate());
        Verdicts.aStubIsNotDoneYet(Lab02.cosineLearningRate());
    }

    @Test
    void theRateStartsAt3e3IsHalfOfItHalfWayAndEndsAtZero() {
        assertEquals(3e-3, Verdicts.libraryAnswer(Lab02.cosineLearningRate(), 0, 0)[0], 1e-10);
        assertEquals(1.5e-3, Verdicts.libraryAnswer(Lab02.cosineLearningRate(), 1, 0)[0], 1e-10);
        assertEquals(0, Verdicts.libraryAnswer(Lab02.cosineLearningRate(), 4, 0)[0], 1e-12);
    }
}
