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
    void lossCurvesDrawEachRunsTrainAndTestLossInAPanelOfItsOwnThreeToARow() {
        List<History> runs = List.of(history(120, 110), history(700, 650), history(118, 108), history(440, 430), history(90, 85));
        List<String> names = List.of("a", "b", "c", "d", "e");
        List<XYChart> panels = Charts.lossPanels(names, runs);
        assertEquals(names, panels.stream().map(XYChart::getTitle).toList());
        XYChart second = panels.get(1);
        assertEquals(List.of("train", "test"), second.getSeriesCollection().stream().map(XYSeries::getName).toList());
        assertArrayEquals(new double[] {700, 650}, second.getSeries("test").getYData());
        assertArrayEquals(new double[] {200, 200}, second.getSeries("train").getYData());
        java.awt.image.BufferedImage picture = Charts.lossCurves(names, runs);
        assertEquals(3 * Charts.PANEL_WIDTH, picture.getWidth());
        assertEquals(2 * Charts.PANEL_HEIGHT, picture.getHeight());
        assertEquals(Charts.PANEL_WIDTH, Charts.lossCurves(names.subList(0, 1), runs.subList(0, 1)).getWidth());
    }

    @Test
    void testLossCurvesNeedOneNamePerRun() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Charts.testLossCurves(List.of("fixed"), List.of(history(120), history(118)), 105));
        assertTrue(error.getMessage().contains("1 names for 2 runs"), error.getMessage());
    }

    @Test
    void klPerDimensionSortsEachModelsDimensionsFromTheLargestAndNamesItsTotal() {
        XYChart chart = Charts.klPerDimension(List.of("σ = 1", "σ fitted"), new double[] {0.01, 2.5, 0}, new double[] {3, 1, 2});
        assertEquals(List.of("σ = 1: 2.5 nats in all", "σ fitted: 6.0 nats in all"),
                chart.getSeriesCollection().stream().map(XYSeries::getName).toList());
        assertArrayEquals(new double[] {2.5, 0.01, 1e-4}, chart.getSeries("σ = 1: 2.5 nats in all").getYData(), 1e-12,
                "an unused dimension is drawn at 1e-4 on the log axis");
        assertArrayEquals(new double[] {3, 2, 1}, chart.getSeries("σ fitted: 6.0 nats in all").getYData());
        assertThrows(IllegalArgumentException.class, () -> Charts.klPerDimension(List.of("a", "b"), new double[] {1}));
    }
}
