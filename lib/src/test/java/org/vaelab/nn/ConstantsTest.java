package org.vaelab.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Gradients through an operation with a constant stay right after a garbage collection between the
 * forward and the backward pass: on PyTorch, DJL's own {@code x.mul(0.5)} fails this (199 of 200
 * gradients wrong in a probe), because the constant's memory is freed while autograd holds it.
 */
@Tag("engines")
class ConstantsTest {
    private static final float[] X = {0.5f, 2f, 3f, -1f};

    @Test
    void timesKeepsItsGradient() {
        assertGradientSurvivesCollection(x -> Constants.times(x, 0.5), new float[] {0.5f, 0.5f, 0.5f, 0.5f});
    }

    @Test
    void dividedByKeepsItsGradient() {
        assertGradientSurvivesCollection(x -> Constants.dividedBy(x, 4), new float[] {0.25f, 0.25f, 0.25f, 0.25f});
    }

    @Test
    void atLeastKeepsItsGradient() {
        // d max(x, 1)/dx is 1 where x > 1 and 0 where x < 1.
        assertGradientSurvivesCollection(x -> Constants.atLeast(x, 1f), new float[] {0f, 1f, 1f, 0f});
    }

    @Test
    void powerKeepsItsGradient() {
        // d x³/dx = 3x²
        assertGradientSurvivesCollection(x -> Constants.power(x, 3f), new float[] {0.75f, 12f, 27f, 3f});
    }

    private static void assertGradientSurvivesCollection(UnaryOperator<NDArray> operation, float[] expected) {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int round = 0; round < 20; round++) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = step.create(X);
                    x.setRequiresGradient(true);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray y = operation.apply(x);
                        freeAndReuseSmallBuffers(step);
                        collector.backward(y.sum());
                    }
                    assertArrayEquals(expected, x.getGradient().toFloatArray(), 1e-6f, "round " + round);
                }
            }
        }
    }

    /** Collects garbage, then fills freshly allocated small native buffers with other numbers. */
    private static void freeAndReuseSmallBuffers(NDManager manager) {
        System.gc();
        for (int i = 0; i < 50; i++) {
            manager.create(7f).close();
            ByteBuffer.allocateDirect(4).putFloat(0, 99f);
        }
        System.gc();
        try {
            Thread.sleep(2); // the cleaner thread frees the collected buffers
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
