package org.vaelab.exercise;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks' inputs repeat from their seeds, on any engine, since they are made in plain Java. */
class InputsTest {
    @Test
    void theSameSeedGivesTheSameNumbers() {
        assertArrayEquals(Inputs.normal(5, 10, 1, 2), Inputs.normal(5, 10, 1, 2));
        assertArrayEquals(Inputs.uniform(5, 10), Inputs.uniform(5, 10));
        assertArrayEquals(Inputs.labels(5, 10, 3), Inputs.labels(5, 10, 3));
    }

    @Test
    void normalValuesAreTheSeededGaussiansScaledAndShifted() {
        Random random = new Random(7);
        float[] values = Inputs.normal(7, 3, 10, 0.5);
        for (float v : values) {
            assertEquals((float) (10 + 0.5 * random.nextGaussian()), v, 0);
        }
    }

    @Test
    void valuesStayInTheirRanges() {
        for (float u : Inputs.uniform(1, 1000)) {
            assertTrue(u >= 0 && u < 1);
        }
        for (float b : Inputs.binary(1, 1000)) {
            assertTrue(b == 0 || b == 1);
        }
        for (int label : Inputs.labels(1, 1000, 10)) {
            assertTrue(label >= 0 && label < 10);
        }
        assertArrayEquals(new float[] {-30, -30}, Inputs.constant(2, -30));
        assertEquals(24, Inputs.size(2, 3, 4));
    }
}
