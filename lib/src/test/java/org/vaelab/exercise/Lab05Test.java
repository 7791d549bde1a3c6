package org.vaelab.exercise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lab 05's checks: the mixture of experts' log-density and the Laplace likelihood. */
@Tag("engines")
class Lab05Test {
    @Test
    void theMixtureDensityCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab05.mixtureLogDensity());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab05.mixtureLogDensity());
        Verdicts.aStubIsNotDoneYet(Lab05.mixtureLogDensity());
    }

    @Test
    void farFromBothExpertsTheMixtureIsWorkedOutByHand() {
        // z = (40, −40); experts N((0, 0), I) and N((1, −1), I): log N = −log 2π − ½‖z − μ‖².
        double a = -Math.log(2 * Math.PI) - 0.5 * (40 * 40 + 40 * 40);
        double b = -Math.log(2 * Math.PI) - 0.5 * (39 * 39 + 39 * 39);
        double expected = Math.max(a, b) + Math.log(Math.exp(a - Math.max(a, b)) + Math.exp(b - Math.max(a, b))) - Math.log(2);
        double got = Verdicts.libraryAnswer(Lab05.mixtureLogDensity(), 4, 0)[0];
        assertEquals(expected, got, 1e-3 * Math.abs(expected), "about −1560.8, finite");
        assertTrue(Double.isFinite(got));
    }

    @Test
    void theLaplaceCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab05.laplaceNll());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab05.laplaceNll());
        Verdicts.aStubIsNotDoneYet(Lab05.laplaceNll());
    }

    @Test
    void aPerfectReconstructionCostsOnlyTheNormaliser() {
        // two rows of two pixels, x = μ, b = 0.75: 2·log 1.5 per row
        double[] got = Verdicts.libraryAnswer(Lab05.laplaceNll(), 2, 0);
        assertEquals(2 * Math.log(1.5), got[0], 1e-6);
        assertEquals(2 * Math.log(1.5), got[1], 1e-6);
    }
}
