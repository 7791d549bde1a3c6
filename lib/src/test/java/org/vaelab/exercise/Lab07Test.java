package org.vaelab.exercise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lab 07's checks: class survival and the loss of one fine-tuning step. */
@Tag("engines")
class Lab07Test {
    @Test
    void theSurvivalCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab07.classSurvival());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab07.classSurvival());
        Verdicts.aStubIsNotDoneYet(Lab07.classSurvival());
    }

    @Test
    void fourOfTenDigitsKeepTheirClass() {
        assertEquals(0.4, Verdicts.libraryAnswer(Lab07.classSurvival(), 1, 0)[0], 0);
        assertEquals(0.0, Verdicts.libraryAnswer(Lab07.classSurvival(), 3, 0)[0], 0);
        assertEquals(1.0, Verdicts.libraryAnswer(Lab07.classSurvival(), 5, 0)[0], 0);
    }

    @Test
    void theFineTuningCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab07.fineTuningLoss());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab07.fineTuningLoss());
        Verdicts.aStubIsNotDoneYet(Lab07.fineTuningLoss());
    }

    @Test
    void theLossOfOnePickedPairIsItsBernoulliLossWorkedOutByHand() {
        // 6 pairs, latent 3, 8 pixels, the decoder z ↦ z W; pair 3 picked alone
        float[] w = Inputs.normal(178, 24, 0, 0.5);
        float[] codes = Inputs.normal(179, 18, 0, 1);
        float[] targets = Inputs.uniform(180, 48);
        double loss = 0;
        for (int j = 0; j < 8; j++) {
            double logit = 0;
            for (int i = 0; i < 3; i++) {
                logit += codes[3 * 3 + i] * w[i * 8 + j];
            }
            loss += Math.log1p(Math.exp(logit)) - targets[3 * 8 + j] * logit;
        }
        assertEquals(loss, Verdicts.libraryAnswer(Lab07.fineTuningLoss(), 2, 0)[0], 1e-4);
    }
}
