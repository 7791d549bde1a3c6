package org.vaelab.exercise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lab 06's checks: the size a convolution leaves and the Gaussian with σ fitted to each image. */
@Tag("engines")
class Lab06Test {
    @Test
    void theConvolutionCheckPassesDjlsLayerAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab06.convolvedSize());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab06.convolvedSize());
        Verdicts.aStubIsNotDoneYet(Lab06.convolvedSize());
    }

    @Test
    void djlsLayerGivesTheSizesOfLabSixsEncoders() {
        assertEquals(14, Lab06.convolvedSide(28, 4, 2, 1));
        assertEquals(7, Lab06.convolvedSide(14, 4, 2, 1));
        assertEquals(16, Lab06.convolvedSide(32, 4, 2, 1));
        assertEquals(1, Lab06.convolvedSide(5, 4, 2, 0), "⌊(5 − 4)/2⌋ + 1");
    }

    @Test
    void theFittedSigmaCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab06.gaussianNllOptimalSigma());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab06.gaussianNllOptimalSigma());
        Verdicts.aStubIsNotDoneYet(Lab06.gaussianNllOptimalSigma());
    }

    /** x = μ: σ² stops at e^−12, so each row of 3 pixels costs 3/2 · (log 2π − 12 + 1). */
    @Test
    void aPerfectReconstructionStopsAtTheFloorOfSigma() {
        double[] got = Verdicts.libraryAnswer(Lab06.gaussianNllOptimalSigma(), 3, 0);
        assertEquals(1.5 * (Math.log(2 * Math.PI) - 12 + 1), got[0], 1e-4);
    }
}
