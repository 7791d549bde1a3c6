package org.vaelab.exercise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lab 07's checks: the linear map between latent spaces and the loss of one fine-tuning step. */
@Tag("engines")
class Lab07Test {
    @Test
    void theLinearMapCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab07.linearMap());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab07.linearMap());
        Verdicts.aStubIsNotDoneYet(Lab07.linearMap());
    }

    @Test
    void anExactMapIsFoundAgainAndTheRidgeShrinksTheWeightsButNotTheBias() {
        // target = 2·a₁ − a₂ + 3 and a₁ + 0.5, exactly: with λ = 0 the fit gives back M and c.
        double[][] source = {{0, 0}, {1, 0}, {0, 1}, {2, 3}, {-1, 4}};
        double[][] target = new double[source.length][];
        for (int i = 0; i < source.length; i++) {
            target[i] = new double[] {2 * source[i][0] - source[i][1] + 3, source[i][0] + 0.5};
        }
        double[][] w = org.vaelab.eval.LatentMap.fit(source, target, 0);
        double[][] expected = {{2, 1}, {-1, 0}, {3, 0.5}};
        for (int r = 0; r < 3; r++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected[r], w[r], 1e-9);
        }
        // One source dimension, codes ±1, targets ±1 + 5: W = 1 + … shrinks to n/(n + λ), the bias stays 5.
        double[][] ridged = org.vaelab.eval.LatentMap.fit(new double[][] {{1}, {-1}}, new double[][] {{6}, {4}}, 2);
        assertEquals(2.0 / (2 + 2), ridged[0][0], 1e-12);
        assertEquals(5, ridged[1][0], 1e-12);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> org.vaelab.eval.LatentMap.fit(new double[][] {{1, 2}}, new double[][] {{1}}, 0), "one pair, two dimensions, no ridge");
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
