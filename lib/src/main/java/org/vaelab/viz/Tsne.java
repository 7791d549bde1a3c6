package org.vaelab.viz;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import smile.manifold.TSNE;
import smile.math.MathEx;

import java.util.List;

/** t-SNE (exact, Smile) of latent codes to 2-D, drawn as a scatter coloured by label. */
public final class Tsne {
    private Tsne() {
    }

    /** A 2-D embedding of the rows of {@code codes}: perplexity 30, learning rate 200, from {@code seed}. */
    public static double[][] embed(double[][] codes, int iterations, long seed) {
        MathEx.setSeed(seed);
        return new TSNE(codes, 2, 30.0, 200.0, iterations).coordinates;
    }

    public static XYChart scatter(double[][] embedding, int[] labels, List<String> classNames, String title) {
        XYChart chart = new XYChartBuilder().width(620).height(520).title(title).xAxisTitle("t-SNE 1").yAxisTitle("t-SNE 2").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerSize(5)
                .setPlotBackgroundColor(java.awt.Color.WHITE).setChartBackgroundColor(java.awt.Color.WHITE);
        for (int k = 0; k < classNames.size(); k++) {
            int count = 0;
            for (int label : labels) {
                count += label == k ? 1 : 0;
            }
            if (count == 0) {
                continue;
            }
            double[] x = new double[count];
            double[] y = new double[count];
            int filled = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == k) {
                    x[filled] = embedding[i][0];
                    y[filled++] = embedding[i][1];
                }
            }
            chart.addSeries(classNames.get(k), x, y);
        }
        return chart;
    }
}
