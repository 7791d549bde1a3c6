package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Tag;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;
import org.vaelab.model.VaeOutput;
import org.vaelab.model.VaeWeights;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lab 02's checks: the −ELBO of a batch, the importance-weighted bound and the cosine-decayed learning rate. */
@Tag("engines")
class Lab02Test {
    @Test
    void theForwardPassCheckPassesTheLibraryAndNamesEachTypicalMistake() {
        Verdicts.theLibraryPasses(Lab02.vaeNegativeElbo());
        Verdicts.everyMistakeFailsWithItsOwnHint(Lab02.vaeNegativeElbo());
        Verdicts.aStubIsNotDoneYet(Lab02.vaeNegativeElbo());
    }

    @Test
    void theVaeWrittenOutGivesTheLibrarysLossToOnePartIn100000AndTheSameGradients() {
        // Input 0: 8 grey images, 784-400-20 weights. Part 0 is the loss, parts 1–10 the weights' gradients.
        Checker<Function3<VaeWeights, NDArray, NDArray, NDArray>> check = Lab02.vaeNegativeElbo();
        for (int input = 0; input < check.cases().size(); input++) {
            Answer library = Verdicts.answer(check, check.reference(), input);
            Answer byHand = Verdicts.answer(check, ExerciseTest::negativeElbo, input);
            double expected = library.parts().get(0).values()[0];
            double got = byHand.parts().get(0).values()[0];
            assertTrue(expected > 10 && Math.abs(got - expected) <= 1e-5 * Math.abs(expected), input + ": " + expected + " against " + got);
            for (int p = 1; p <= 10; p++) {
                double[] e = library.parts().get(p).values();
                double[] g = byHand.parts().get(p).values();
                double largest = 0;
                double worst = 0;
                for (int i = 0; i < e.length; i++) {
                    largest = Math.max(largest, Math.abs(e[i]));
                    worst = Math.max(worst, Math.abs(e[i] - g[i]));
                }
                assertTrue(largest > 0, "the gradient of " + VaeWeights.NAMES.get(p - 1) + " is not zero");
                assertTrue(worst <= 1e-4 * largest, input + ", " + VaeWeights.NAMES.get(p - 1) + ": " + worst + " of " + largest);
            }
        }
    }

    @Test
    void theLossOfTheLibrarysVaeWithGivenWeightsIsItsOwnLossOnceTheyAreCopiedIn() {
        try (Vae source = Vae.create(VaeConfig.mlp(400, 20), 7, ai.djl.Device.cpu());
             Vae target = Vae.create(VaeConfig.mlp(400, 20), 8, ai.djl.Device.cpu());
             NDManager m = NDManager.newBaseManager()) {
            VaeWeights w = VaeWeights.of(source);
            NDArray x = m.create(Inputs.uniform(3, 3 * 784), new Shape(3, 784));
            NDArray eps = m.create(Inputs.normal(4, 60, 0, 1), new Shape(3, 20));
            float given = target.loss(w, x, eps).total().mean().getFloat();
            float own = source.loss(VaeOutput.of(source.block().forward(new ParameterStore(m, false), x, eps, false).toList()), x).total().mean().getFloat();
            assertEquals(own, given, 1e-5 * Math.abs(own));
            w.copyInto(target);
            float copied = target.loss(VaeOutput.of(target.block().forward(new ParameterStore(m, false), x, eps, false).toList()), x).total().mean().getFloat();
            assertEquals(own, copied, 0f, "the same weights in the same layers give the same bits");
            assertTrue(own > 100, "an untrained VAE's −ELBO of grey images is hundreds of nats: " + own);
        }
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
