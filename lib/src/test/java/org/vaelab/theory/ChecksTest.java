package org.vaelab.theory;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lab 01's checks hold: the measured side agrees with the formula side. */
class ChecksTest {
    @Test
    void monteCarloKlIsWithinFourStandardErrors() {
        Table t = Checks.klClosedFormVsMonteCarlo(new float[] {0.5f, -1f, 2f}, new float[] {-0.5f, 0.3f, -2f}, 100_000, 1);
        assertTrue(Math.abs(t.doubleColumn("value").get(3)) < 4, t.print());
    }

    @Test
    void reparameterisedSamplesHaveTheRightMoments() {
        Table t = Checks.reparameterisation(new float[] {1f, -2f}, new float[] {0f, (float) Math.log(0.25)}, 200_000, 2);
        for (int row = 0; row < 2; row++) {
            assertEquals(t.doubleColumn("μ").get(row), t.doubleColumn("sample mean").get(row), 0.01);
            assertEquals(t.doubleColumn("σ²").get(row), t.doubleColumn("sample variance").get(row), 0.01);
        }
    }

    @Test
    void theElboReachesTheEvidenceOnlyAtTheTruePosterior() {
        Table t = Checks.elboBelowEvidence(1.5f, 200_000, 3);
        assertEquals(0, t.doubleColumn("gap").get(0), 0.01, "no gap at the true posterior");
        for (int row = 0; row < t.rowCount(); row++) {
            assertEquals(t.doubleColumn("KL(q ‖ p(z|x))").get(row), t.doubleColumn("gap").get(row), 0.02, t.stringColumn(0).get(row));
        }
    }
}
