package org.vaelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaelab.theory.Checks;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("engines")
class ExpertsTest {
    @Test
    void productOfExpertsIsTheNormalisedProductOfDensities() {
        Table table = Checks.productOfExpertsVsDensities(1.5f, 0.5f, -0.5f, 2f);
        for (int row = 0; row < 2; row++) {
            assertEquals(table.doubleColumn(1).get(row), table.doubleColumn(2).get(row), 1e-4, table.stringColumn(0).get(row));
        }
        // By hand: precisions 1 + 2 + 0.5 = 3.5; mean (2·1.5 + 0.5·(−0.5)) / 3.5.
        assertEquals(2.75 / 3.5, table.doubleColumn(1).get(0), 1e-5);
        assertEquals(1 / 3.5, table.doubleColumn(1).get(1), 1e-5);
    }

    @Test
    void productOfExpertsStaysFiniteForExtremeVariances() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mus = m.create(new float[] {1f, 2f}, new Shape(2, 1, 1));
            NDArray logVars = m.create(new float[] {-80f, 80f}, new Shape(2, 1, 1));
            NDList joint = Experts.productOfExperts(mus, logVars);
            assertEquals(1f, joint.get(0).getFloat(0, 0), 1e-5, "the sure expert decides the mean");
            assertEquals(-80f, joint.get(1).getFloat(0, 0), 1e-3, "and the variance");
        }
    }

    @Test
    void productOfExpertsStaysFiniteWhereAnExpertsPrecisionOverflowsFloat() {
        // σ⁻² = e¹⁰⁰ is ∞ in float32: the mean must be formed from each expert's share of the precision instead.
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mus = m.create(new float[] {1f, 2f, -3f}, new Shape(3, 1, 1));
            NDArray logVars = m.create(new float[] {-100f, 0f, 0f}, new Shape(3, 1, 1));
            mus.setRequiresGradient(true);
            logVars.setRequiresGradient(true);
            try (ai.djl.training.GradientCollector collector = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDList joint = Experts.productOfExperts(mus, logVars);
                assertEquals(1f, joint.get(0).getFloat(0, 0), 1e-6, "the sure expert decides the mean");
                assertEquals(-100f, joint.get(1).getFloat(0, 0), 1e-3, "and the variance");
                collector.backward(joint.get(0).add(joint.get(1)).sum());
            }
            for (float g : mus.getGradient().toFloatArray()) {
                assertTrue(Float.isFinite(g), "∂μ/∂μ_v finite: " + java.util.Arrays.toString(mus.getGradient().toFloatArray()));
            }
            for (float g : logVars.getGradient().toFloatArray()) {
                assertTrue(Float.isFinite(g), "∂/∂log σ_v² finite: " + java.util.Arrays.toString(logVars.getGradient().toFloatArray()));
            }
            assertEquals(1f, mus.getGradient().getFloat(0, 0, 0), 1e-6, "the mean follows the sure expert one for one");
        }
    }

    @Test
    void mixtureDensityIsTheAverageOfTheExperts() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mus = m.create(new float[] {0f, 3f}, new Shape(2, 1, 1));
            NDArray logVars = m.create(new float[] {0f, (float) Math.log(4)}, new Shape(2, 1, 1));
            float z = 1.2f;
            double expected = 0.5 * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI)
                    + 0.5 * Math.exp(-(z - 3) * (z - 3) / 8) / Math.sqrt(2 * Math.PI * 4);
            float logDensity = Experts.mixtureLogDensity(m.create(new float[] {z}, new Shape(1, 1)), mus, logVars).getFloat(0);
            assertEquals(Math.log(expected), logDensity, 1e-5);
        }
    }

    @Test
    void mixtureDensityHasFiniteGradientsWhenOneExpertCollapses() {
        // Expert 2's variance, e^-200, is 0 in float: without a floor its density at z is e^-inf, and
        // logsumexp's backward multiplies that term's infinite gradient by a zero weight: NaN.
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mus = m.create(new float[] {0f, 0f, 3f, 3f}, new Shape(2, 1, 2));
            NDArray logVars = m.create(new float[] {0f, 0f, -200f, -200f}, new Shape(2, 1, 2));
            NDArray z = m.create(new float[] {0.5f, -0.5f}, new Shape(1, 2));
            mus.setRequiresGradient(true);
            logVars.setRequiresGradient(true);
            z.setRequiresGradient(true);
            float logDensity;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray density = Experts.mixtureLogDensity(z, mus, logVars);
                logDensity = density.getFloat(0);
                collector.backward(density.sum());
            }
            double expected = Math.log(0.5) - 0.25 - Math.log(2 * Math.PI); // expert 1 alone, at z = (0.5, -0.5)
            assertEquals(expected, logDensity, 1e-4);
            for (NDArray gradient : new NDArray[] {z.getGradient(), mus.getGradient(), logVars.getGradient()}) {
                for (float g : gradient.toFloatArray()) {
                    assertTrue(Float.isFinite(g), "gradient " + java.util.Arrays.toString(gradient.toFloatArray()));
                }
            }
        }
    }
}
