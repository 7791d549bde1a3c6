package org.vaelab.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The between/within ratio against values worked out by hand. */
class SeparationTest {
    @Test
    void twoClassesOnALineGiveTheirHandComputedRatio() {
        // class 0 at 0 and 2 (mean 1), class 1 at 9 and 11 (mean 10); centre 5.5
        // B = (4.5² + 4.5²) / 2 = 20.25; W = (1 + 1 + 1 + 1) / 4 = 1
        double[][] codes = {{0}, {2}, {9}, {11}};
        int[] labels = {0, 0, 1, 1};
        assertEquals(20.25, Separation.ratio(codes, labels, 2), 1e-12);
    }

    @Test
    void scalingEveryCodeLeavesItUnchanged() {
        double[][] codes = {{0, 1}, {2, -1}, {9, 3}, {11, 4}, {5, 5}};
        double[][] shrunk = new double[codes.length][];
        for (int i = 0; i < codes.length; i++) {
            shrunk[i] = new double[] {codes[i][0] * 0.01, codes[i][1] * 0.01};
        }
        int[] labels = {0, 0, 1, 1, 2};
        assertEquals(Separation.ratio(codes, labels, 3), Separation.ratio(shrunk, labels, 3), 1e-9);
    }

    @Test
    void aLabelPerCodeIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> Separation.ratio(new double[][] {{1}}, new int[] {0, 1}, 2));
    }
}
