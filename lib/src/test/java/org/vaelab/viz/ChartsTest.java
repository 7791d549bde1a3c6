package org.vaelab.viz;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.vaelab.train.History;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {
    private static History history(double... testLosses) {
        History history = new History("vae");
        for (int epoch = 1; epoch <= testLosses.length; epoch++) {
            history.add(epoch, Map.of("total", 200.0, "reconstruction", 180.0, "kl", 20.0),
                    Map.of("loss", testLosses[epoch - 1], "reconstruction", 90.0, "kl", 15.0), 3, 20_000);
        }
        return history;
    }

    @Test
    void testLossCurvesDrawEachRunAndTheTargetAcrossAllEpochs() {
        XYChart chart = Charts.testLossCurves(List.of("fixed", "cosine"),
                List.of(history(120, 110, 106), history(118, 108, 104)), 105);
        assertEquals(List.of("fixed", "cosine", "target 105.0"), chart.getSeriesCollection().stream().map(XYSeries::getName).toList());
        XYSeries cosine = chart.getSeries("cosine");
        assertArrayEquals(new double[] {1, 2, 3}, cosine.getXData());
        assertArrayEquals(new double[] {118, 108, 104}, cosine.getYData());
        XYSeries target = chart.getSeries("target 105.0");
        assertArrayEquals(new double[] {1, 3}, target.getXData());
        assertArrayEquals(new double[] {105, 105}, target.getYData());
    }

    @Test
    void testLossCurvesNeedOneNamePerRun() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Charts.testLossCurves(List.of("fixed"), List.of(history(120), history(118)), 105));
        assertTrue(error.getMessage().contains("1 names for 2 runs"), error.getMessage());
    }

    /** Dimension 0 varies as 0, 2, 4 (variance 8/3), dimension 1 not at all, dimension 2 as 0, 0.2, 0.4 (variance 0.08/3). */
    @Test
    void codeSpreadSortsEachDimensionsVarianceFromTheLargestBesideTheActiveThreshold() {
        double[][] means = {{0, 1, 0}, {2, 1, 0.2}, {4, 1, 0.4}};
        XYChart chart = Charts.codeSpread(List.of("codes"), means);
        XYSeries codes = chart.getSeries("codes");
        assertArrayEquals(new double[] {1, 2, 3}, codes.getXData());
        assertArrayEquals(new double[] {8.0 / 3, 0.08 / 3, 1e-8}, codes.getYData(), 1e-12, "a constant dimension is drawn at 1e-8 on the log axis");
        XYSeries threshold = chart.getSeries("active above 0.01");
        assertArrayEquals(new double[] {0.01, 0.01}, threshold.getYData());
        assertThrows(IllegalArgumentException.class, () -> Charts.codeSpread(List.of("a", "b"), means));
    }
}
