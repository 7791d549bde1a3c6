package org.vaelab.viz;

import ai.djl.ndarray.NDManager;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vaelab.data.ImageSet;
import org.vaelab.model.Vae;
import org.vaelab.train.History;

import java.util.List;

/** XChart charts of training and of the latent space; the kernel shows them as PNG. */
public final class Charts {
    private Charts() {
    }

    /** Train and test loss (−ELBO per image) per epoch. */
    public static XYChart lossCurves(History history) {
        return lossCurves(history.table().name() + ": loss per epoch", history, 640, 360);
    }

    /**
     * Train and test loss per epoch of several runs, one small chart per run, three to a row, in one picture: the
     * runs' losses need not share a scale (a two-view model's −ELBO sums or averages its views' terms).
     */
    public static java.awt.image.BufferedImage lossCurves(List<String> names, List<History> histories) {
        List<XYChart> panels = lossPanels(names, histories);
        int columns = Math.min(3, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(columns * PANEL_WIDTH, rows * PANEL_HEIGHT,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = picture.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, picture.getWidth(), picture.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(org.knowm.xchart.BitmapEncoder.getBufferedImage(panels.get(i)), (i % columns) * PANEL_WIDTH,
                    (i / columns) * PANEL_HEIGHT, null);
        }
        g.dispose();
        return picture;
    }

    static final int PANEL_WIDTH = 360;
    static final int PANEL_HEIGHT = 260;

    /** The panels of {@link #lossCurves(List, List)}, one chart per run titled with its name. */
    static List<XYChart> lossPanels(List<String> names, List<History> histories) {
        if (names.size() != histories.size() || names.isEmpty()) {
            throw new IllegalArgumentException("give one name per run: " + names.size() + " names for " + histories.size() + " runs");
        }
        return java.util.stream.IntStream.range(0, names.size())
                .mapToObj(i -> lossCurves(names.get(i), histories.get(i), PANEL_WIDTH, PANEL_HEIGHT)).toList();
    }

    private static XYChart lossCurves(String title, History history, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("epoch").yAxisTitle("−ELBO per image (nats)").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        double[] epochs = history.table().intColumn("epoch").asDoubleArray();
        chart.addSeries("train", epochs, history.table().doubleColumn("train_loss").asDoubleArray()).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("test", epochs, history.table().doubleColumn("test_loss").asDoubleArray()).setMarker(SeriesMarkers.DIAMOND);
        chart.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE).setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    /**
     * The rate–distortion plane (Alemi et al., 2018): each model of an ELBO table ({@code ModelTable.elboAndIwae}) as
     * a point, its rate (the KL column) on x and its distortion (the reconstruction column) on y, with the dashed line of
     * equal −ELBO (rate + distortion) through the best model's point.
     */
    public static XYChart rateDistortion(tech.tablesaw.api.Table elboTable) {
        XYChart chart = new XYChartBuilder().width(640).height(420).title("rate against distortion (test images)")
                .xAxisTitle("rate: KL(q(z|x) ‖ p(z)), nats").yAxisTitle("distortion: −log p(x|z), nats").build();
        double best = Double.POSITIVE_INFINITY;
        double maxRate = 0;
        for (int i = 0; i < elboTable.rowCount(); i++) {
            double rate = elboTable.doubleColumn("KL").getDouble(i);
            double distortion = elboTable.doubleColumn("reconstruction").getDouble(i);
            chart.addSeries(elboTable.stringColumn("model").get(i), new double[] {rate}, new double[] {distortion})
                    .setMarker(SeriesMarkers.CIRCLE);
            best = Math.min(best, rate + distortion);
            maxRate = Math.max(maxRate, rate);
        }
        double end = Math.min(best, maxRate * 1.2 + 1);
        chart.addSeries(String.format(java.util.Locale.ROOT, "−ELBO = %.1f", best), new double[] {0, end}, new double[] {best, best - end})
                .setMarker(SeriesMarkers.NONE).setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH).setLineColor(java.awt.Color.GRAY);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line)
                .setPlotBackgroundColor(java.awt.Color.WHITE).setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    /** The loss of each training batch against the step, one run: how the optimiser's first epoch goes. */
    public static XYChart stepLosses(String title, List<Double> losses) {
        if (losses.isEmpty()) {
            throw new IllegalArgumentException("no losses to draw: train first");
        }
        XYChart chart = new XYChartBuilder().width(640).height(360).title(title)
                .xAxisTitle("step (one batch)").yAxisTitle("−ELBO per image of the batch (nats)").build();
        double[] steps = java.util.stream.IntStream.rangeClosed(1, losses.size()).asDoubleStream().toArray();
        chart.addSeries("training batch", steps, losses.stream().mapToDouble(Double::doubleValue).toArray()).setMarker(SeriesMarkers.NONE);
        chart.getStyler().setLegendVisible(false).setPlotBackgroundColor(java.awt.Color.WHITE).setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    /** The test loss per epoch of several runs on one chart. */
    public static XYChart testLossCurves(List<String> names, List<History> histories) {
        return testLossCurves(names, histories, Double.NaN);
    }

    /** The test loss per epoch of several runs on one chart, with a dashed level line at {@code target} (none for NaN). */
    public static XYChart testLossCurves(List<String> names, List<History> histories, double target) {
        if (names.size() != histories.size() || names.isEmpty()) {
            throw new IllegalArgumentException("give one name per run: " + names.size() + " names for " + histories.size() + " runs");
        }
        XYChart chart = new XYChartBuilder().width(640).height(360).title("test loss per epoch")
                .xAxisTitle("epoch").yAxisTitle("−ELBO per test image (nats)").build();
        double lastEpoch = 1;
        for (int i = 0; i < names.size(); i++) {
            double[] epochs = histories.get(i).table().intColumn("epoch").asDoubleArray();
            chart.addSeries(names.get(i), epochs, histories.get(i).table().doubleColumn("test_loss").asDoubleArray());
            lastEpoch = Math.max(lastEpoch, epochs[epochs.length - 1]);
        }
        if (!Double.isNaN(target)) {
            chart.addSeries("target " + target, new double[] {1, lastEpoch}, new double[] {target, target})
                    .setMarker(SeriesMarkers.NONE).setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH)
                    .setLineColor(java.awt.Color.GRAY);
        }
        chart.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE).setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    /** The posterior means μ(x) of {@code perClass} images of each class, one colour per class (2-d latents). */
    public static XYChart latentScatter(Vae vae, ImageSet set, int perClass) {
        if (vae.config().latent() != 2) {
            throw new IllegalArgumentException("a latent scatter needs a 2-dimensional latent; this model has " + vae.config().latent());
        }
        XYChart chart = new XYChartBuilder().width(560).height(480).title("posterior means of " + perClass + " test images per class")
                .xAxisTitle("z1").yAxisTitle("z2").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerSize(7)
                .setPlotBackgroundColor(java.awt.Color.WHITE).setChartBackgroundColor(java.awt.Color.WHITE);
        int[][] byClass = set.indicesByClass();
        try (NDManager manager = NDManager.newBaseManager(vae.device())) {
            for (int k = 0; k < byClass.length; k++) {
                int n = Math.min(perClass, byClass[k].length);
                int[] chosen = java.util.Arrays.copyOf(byClass[k], n);
                float[] mu = vae.encode(set.toFloats(manager, chosen)).get(0).toFloatArray();
                double[] x = new double[n];
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = mu[2 * i];
                    y[i] = mu[2 * i + 1];
                }
                chart.addSeries(set.classNames().get(k), x, y);
            }
        }
        return chart;
    }

    /**
     * Lab 07's curve: how often the class survives the swap against the number of pairs the
     * decoder was fine-tuned on (log axis; N = 0 drawn at 1), with an aligned model as a level line.
     */
    public static XYChart survivalCurve(int[] pairCounts, double[] survival, double aligned, String alignedLabel) {
        XYChart chart = new XYChartBuilder().width(640).height(360).title("MNIST → Fashion-MNIST: class kept")
                .xAxisTitle("pairs N (N = 0 drawn at 1)").yAxisTitle("fraction judged in the digit's class").build();
        chart.getStyler().setXAxisLogarithmic(true);
        double[] x = java.util.Arrays.stream(pairCounts).mapToDouble(n -> Math.max(1, n)).toArray();
        chart.addSeries("separate VAEs, decoder fine-tuned on N pairs", x, survival);
        chart.addSeries(alignedLabel, new double[] {x[0], x[x.length - 1]}, new double[] {aligned, aligned}).setMarker(SeriesMarkers.NONE);
        return chart;
    }

    /**
     * Each latent dimension's share of the KL term, KL(q(z_d|x) ‖ N(0, 1)) averaged over the data, sorted from the
     * largest, on a log axis, one series per model (its total in the legend): a collapsed code keeps almost nothing in
     * every dimension, a code that is used spreads its nats over many.
     */
    public static XYChart klPerDimension(List<String> names, double[]... kls) {
        if (names.size() != kls.length || names.isEmpty()) {
            throw new IllegalArgumentException("give one name per model: " + names.size() + " names for " + kls.length);
        }
        XYChart chart = new XYChartBuilder().width(640).height(360).title("KL per latent dimension")
                .xAxisTitle("latent dimension, from the largest KL to the smallest").yAxisTitle("KL (nats per image)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        for (int i = 0; i < names.size(); i++) {
            double[] sorted = java.util.Arrays.stream(kls[i]).map(v -> -Math.max(v, 1e-4)).sorted().map(v -> -v).toArray();
            double[] x = java.util.stream.IntStream.rangeClosed(1, sorted.length).asDoubleStream().toArray();
            chart.addSeries(String.format(java.util.Locale.ROOT, "%s: %.1f nats in all", names.get(i), java.util.Arrays.stream(kls[i]).sum()),
                    x, sorted);
        }
        chart.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE).setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }
}
