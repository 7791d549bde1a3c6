package org.vaelab.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("engines")
class MmdTest {
    @Test
    void rbfMmdOfTwoTinySamplesMatchesTheHandValue() {
        // d = 1, bandwidth 1: C = 2. x = {0, 1}, y = {0, 3}.
        double c = 2;
        double kxx = 2 * Math.exp(-1 / c) / 2;
        double kyy = 2 * Math.exp(-9 / c) / 2;
        double kxy = (1 + Math.exp(-9 / c) + Math.exp(-1 / c) + Math.exp(-4 / c)) * 2 / 4;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0, 1}, new Shape(2, 1));
            NDArray y = m.create(new float[] {0, 3}, new Shape(2, 1));
            assertEquals(kxx + kyy - kxy, Losses.mmd(x, y, Losses.MmdKernel.RBF, 1f).getFloat(), 1e-5);
        }
    }

    @Test
    void mmdTellsDifferentDistributionsFromEqualOnes() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            NDArray a = m.randomNormal(new Shape(400, 8));
            NDArray b = m.randomNormal(new Shape(400, 8));
            NDArray shifted = m.randomNormal(new Shape(400, 8)).add(1.5f);
            for (Losses.MmdKernel kernel : Losses.MmdKernel.values()) {
                float same = Losses.mmd(a, b, kernel, 1f).getFloat();
                float different = Losses.mmd(a, shifted, kernel, 1f).getFloat();
                assertTrue(Math.abs(same) < 0.01, kernel + ": two samples of N(0, I) give " + same);
                assertTrue(different > 20 * Math.abs(same) && different > 0.05, kernel + ": a shifted sample gives " + different);
            }
        }
    }
}
