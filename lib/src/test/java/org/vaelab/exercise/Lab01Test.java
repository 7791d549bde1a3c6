package org.vaelab.exercise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lab 01's checks: the KL, the reparameterisation, the Bernoulli loss and the product of experts. */
@Tag("engines")
class Lab01Test {
    @Test
    void theKlCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab01.kl());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab01.kl());
        Verdicts.aStubIsNotDoneYet(Lab01.kl());
    }

    @Test
    void theKlOfThePriorFromItselfIsZeroAndAtLogVariance30ItIsWorkedOutByHand() {
        assertArrayEquals(new double[] {0, 0}, Verdicts.libraryAnswer(Lab01.kl(), 4, 0), 1e-6);
        float[] mu = Inputs.normal(19, 4, 0, 1);
        double[] expected = new double[2];
        for (int row = 0; row < 2; row++) {
            for (int j = 0; j < 2; j++) {
                double m = mu[2 * row + j];
                expected[row] += -0.5 * (1 + 30 - m * m - Math.exp(30));
            }
        }
        double[] library = Verdicts.libraryAnswer(Lab01.kl(), 5, 0);
        assertEquals(expected[0], library[0], 1e-6 * expected[0]);
        assertEquals(expected[1], library[1], 1e-6 * expected[1]);
    }

    @Test
    void theReparameterisationCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab01.reparameterisation());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab01.reparameterisation());
        Verdicts.aStubIsNotDoneYet(Lab01.reparameterisation());
    }

    @Test
    void withNoNoiseTheSampleIsTheMean() {
        float[] mu = Inputs.normal(27, 6, 0, 1);
        double[] z = Verdicts.libraryAnswer(Lab01.reparameterisation(), 2, 0);
        for (int i = 0; i < 6; i++) {
            assertEquals(mu[i], z[i], 0);
        }
    }

    @Test
    void theBernoulliCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab01.bernoulli());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab01.bernoulli());
        Verdicts.aStubIsNotDoneYet(Lab01.bernoulli());
    }

    @Test
    void atLogitZeroEveryPixelCostsLogTwo() {
        assertArrayEquals(new double[] {3 * Math.log(2), 3 * Math.log(2)}, Verdicts.libraryAnswer(Lab01.bernoulli(), 3, 0), 1e-5);
    }

    @Test
    void theProductOfExpertsCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab01.productOfExperts());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab01.productOfExperts());
        Verdicts.aStubIsNotDoneYet(Lab01.productOfExperts());
    }

    @Test
    void thePriorAloneIsTheStandardNormalAndACertainExpertWins() {
        assertArrayEquals(new double[6], Verdicts.libraryAnswer(Lab01.productOfExperts(), 6, 0), 0);
        assertArrayEquals(new double[6], Verdicts.libraryAnswer(Lab01.productOfExperts(), 6, 1), 0);
        // T = 1 + e^30 + e^−0.2 ≈ e^30: the joint is the certain expert's N(μ_1, e^−30).
        assertArrayEquals(new double[] {1.5, -0.5, 2, 0.25}, Verdicts.libraryAnswer(Lab01.productOfExperts(), 4, 0), 1e-5);
        assertArrayEquals(new double[] {-30, -30, -30, -30}, Verdicts.libraryAnswer(Lab01.productOfExperts(), 4, 1), 1e-4);
    }
}
