package org.vaelab.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The row sums agree with the engine's axis sum, and their gradient is one for every element. */
@Tag("engines")
class RowSumsTest {
    @Test
    void sumsEachRow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, 2, 3, -4, 0.5f, 0.25f}, new Shape(2, 3));
            NDArray sums = RowSums.of(x);
            assertEquals(new Shape(2), sums.getShape());
            assertArrayEquals(new float[] {6f, -3.25f}, sums.toFloatArray(), 0f);
        }
    }

    @Test
    void namesTheShapeItCannotSum() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.zeros(new Shape(2, 1, 28, 28));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> RowSums.of(images));
            assertTrue(error.getMessage().contains("(2, 1, 28, 28)"), error.getMessage());
        }
    }

    @Test
    void agreesWithTheAxisSumOnATrainingBatchOfPixelLosses() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(7);
            NDArray x = manager.randomUniform(0, 2, new Shape(128, 784));
            float[] expected = x.sum(new int[] {1}).toFloatArray();
            float[] actual = RowSums.of(x).toFloatArray();
            // 784 terms near 1 each: float rounding of a sum near 784 is a few 1e-5.
            assertArrayEquals(expected, actual, 1e-3f);
        }
    }

    @Test
    void passesAGradientOfOneToEveryElement() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                // Weights per row, so that a gradient sent to the wrong row would show.
                NDArray weighted = RowSums.of(x).mul(manager.create(new float[] {2, -1}));
                collector.backward(weighted.sum());
            }
            assertArrayEquals(new float[] {2, 2, 2, -1, -1, -1}, x.getGradient().toFloatArray(), 0f);
        }
    }

    @Test
    void givesTheSameGradientAsTheAxisSumBitForBit() {
        // What keeps training unchanged when the row sums replace the axis sum.
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(11);
            NDArray x = manager.randomUniform(-3, 3, new Shape(128, 784));
            NDArray rowWeights = manager.randomUniform(-1, 1, new Shape(128));
            assertArrayEquals(gradient(x, rowWeights, false), gradient(x, rowWeights, true), 0f);
        }
    }

    /** d/dx Σ_i w_i · (Σ_j softplus(x_ij)), with the inner sum taken either way. */
    private static float[] gradient(NDArray x, NDArray rowWeights, boolean rowSums) {
        NDArray input = x.duplicate();
        input.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray perPixel = Activation.softPlus(input);
            NDArray sums = rowSums ? RowSums.of(perPixel) : perPixel.sum(new int[] {1});
            collector.backward(sums.mul(rowWeights).sum());
        }
        return input.getGradient().toFloatArray();
    }
}
