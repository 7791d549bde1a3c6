package org.vaelab.nn;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's convolutions against plain Java, at every shape the workbook's conv VAEs use. Runs on both engines
 * (the "engines" tag) on whatever processor CI has: where a vectorised path of the processor is faulty, this fails.
 */
@Tag("engines")
class ConvolutionCheckTest {
    @Test
    void everyConvolutionOfTheWorkbooksModelsMatchesPlainJavaForwardAndBackward() {
        List<ConvolutionCheck.Outcome> outcomes = ConvolutionCheck.onEngine();
        assertEquals(8, outcomes.size());
        for (ConvolutionCheck.Outcome outcome : outcomes) {
            assertTrue(outcome.passed(), Engine.getInstance().getEngineName() + ": " + outcome.describe());
        }
    }

    @Test
    void thePlainJavaReferenceAgreesWithAHandComputedConvolution() {
        // One 3×3 image, one 2×2 kernel, stride 1, no padding: y is 2×2.
        ConvolutionCheck.Layer layer = new ConvolutionCheck.Layer("hand", 1, 1, 3, 2, 1, 0);
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] w = {1, 0, 0, -1};
        float[] b = {0.5f};
        float[] g = {1, 2, 3, 4};
        double[][] r = ConvolutionCheck.reference(layer, 1, x, w, b, g);
        // y[i,j] = x[i,j] − x[i+1,j+1] + ½ = −4 + ½ everywhere.
        assertArrayEquals(new double[] {-3.5, -3.5, -3.5, -3.5}, r[0], 0);
        // ∂L/∂x: +g at (i,j), −g at (i+1,j+1).
        assertArrayEquals(new double[] {1, 2, 0, 3, 4 - 1, -2, 0, -3, -4}, r[1], 0);
        // ∂L/∂w[p,q] = Σ g[i,j] x[i+p, j+q]: 1·1+2·2+3·4+4·5 = 37, then 47, 67, 77.
        assertArrayEquals(new double[] {37, 47, 67, 77}, r[2], 0);
        assertArrayEquals(new double[] {10}, r[3], 0);
    }

    @Test
    void aPaddedStridedConvolutionAgreesWithTheReferenceOnTheEngine() {
        ConvolutionCheck.Layer layer = new ConvolutionCheck.Layer("small", 2, 3, 6, 4, 2, 1);
        ConvolutionCheck.Outcome outcome = ConvolutionCheck.check(List.of(layer), 5, ConvolutionCheck::engine, 7).get(0);
        assertTrue(outcome.passed(), outcome.describe());
    }

    @Test
    void aWrongWeightGradientOrANaNIsCaughtAndTheLayerNamed() {
        ConvolutionCheck.Layer layer = new ConvolutionCheck.Layer("decoder conv", 4, 2, 6, 3, 1, 1);
        ConvolutionCheck.Outcome scaled = ConvolutionCheck.check(List.of(layer), 3, (l, n, x, w, b, g) -> {
            ConvolutionCheck.Results right = ConvolutionCheck.engine(l, n, x, w, b, g);
            float[] dw = right.dw().clone();
            float largest = 0;
            for (float v : dw) {
                largest = Math.max(largest, Math.abs(v));
            }
            dw[5] += 0.01f * largest; // one weight's gradient off by 1 % of the largest
            return new ConvolutionCheck.Results(right.inference(), right.y(), right.dx(), dw, right.db());
        }, 7).get(0);
        assertFalse(scaled.passed(), scaled.describe());
        assertTrue(scaled.describe().startsWith("decoder conv"), scaled.describe());
        assertTrue(scaled.describe().contains("∂L/∂w") && scaled.describe().contains("(wrong)"), scaled.describe());

        ConvolutionCheck.Outcome nan = ConvolutionCheck.check(List.of(layer), 3, (l, n, x, w, b, g) -> {
            ConvolutionCheck.Results right = ConvolutionCheck.engine(l, n, x, w, b, g);
            float[] y = right.y().clone(); // the training forward alone: the inference one stays right
            y[0] = Float.NaN;
            return new ConvolutionCheck.Results(right.inference(), y, right.dx(), right.dw(), right.db());
        }, 7).get(0);
        assertFalse(nan.passed());
        assertTrue(nan.describe().contains("forward not finite (wrong)"), nan.describe());
    }
}
