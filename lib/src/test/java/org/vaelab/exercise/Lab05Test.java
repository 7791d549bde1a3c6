package org.vaelab.exercise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lab 05's checks: the mixture of products' subset posteriors and the Laplace likelihood. */
@Tag("engines")
class Lab05Test {
    @Test
    void theSubsetCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab05.subsetPosteriors());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab05.subsetPosteriors());
        Verdicts.aStubIsNotDoneYet(Lab05.subsetPosteriors());
    }

    @Test
    void twoPriorLikeExpertsGiveVarianceAHalfAloneAndAThirdTogether() {
        // Both experts N(0, 1), with the prior N(0, 1): T = 2 for {1} and {2}, T = 3 for {1, 2}; the means stay 0.
        double[] mu = Verdicts.libraryAnswer(Lab05.subsetPosteriors(), 3, 0);
        double[] logVar = Verdicts.libraryAnswer(Lab05.subsetPosteriors(), 3, 1);
        assertEquals(12, logVar.length, "3 subsets × 2 rows × 2 dimensions");
        for (int i = 0; i < 12; i++) {
            assertEquals(0, mu[i], 1e-7);
            assertEquals(i < 8 ? -Math.log(2) : -Math.log(3), logVar[i], 1e-6);
        }
        // A certain first expert (log σ² = −30) decides every subset it is in: the joint mean is its mean.
        float[] means = Inputs.normal(67, 6, 0, 1.5);
        double[] certain = Verdicts.libraryAnswer(Lab05.subsetPosteriors(), 2, 0);
        for (int j = 0; j < 3; j++) {
            assertEquals(means[j], certain[j], 1e-5, "{1}");
            assertEquals(means[j], certain[6 + j], 1e-5, "{1, 2}");
            assertEquals(0, certain[3 + j], 1e-6, "{2}: an ignorant expert leaves the prior's mean");
        }
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
