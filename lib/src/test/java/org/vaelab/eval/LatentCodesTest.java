package org.vaelab.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Burda et al.'s active units, on codes whose variances are known by hand. */
class LatentCodesTest {
    @Test
    void aUnitIsActiveWhenItsMeansVaryByMoreThanOneHundredth() {
        // Dimension 1 varies ±1 (variance 1), dimension 2 ±0.05 (0.0025), dimension 3 not at all, dimension 4 ±0.2 (0.04).
        double[][] means = {{1, 0.05, 3, 0.2}, {-1, -0.05, 3, -0.2}};
        assertArrayEquals(new double[] {1, 0.0025, 0, 0.04}, LatentCodes.variances(means), 1e-12);
        assertEquals(2, LatentCodes.activeUnits(means));
    }
}
