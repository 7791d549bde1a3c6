package org.vaelab;

import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.vaelab.data.DatasetFile;
import org.vaelab.data.Datasets;
import org.vaelab.data.Idx;
import org.vaelab.viz.ImageGrid;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What notebook 00 shows: the software in use, the device, and which datasets are here. */
public final class SetupCheck {
    private SetupCheck() {
    }

    /** Java, kernel, DJL, engine, device, mode, seed and folders, one row each. */
    public static Table environment() {
        Engine engine = Lab.engine();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Java", Runtime.version() + " (" + System.getProperty("java.vendor") + ")"});
        rows.add(new String[] {"Jupyter kernel", kernelVersion()});
        rows.add(new String[] {"DJL", Engine.getDjlVersion()});
        rows.add(new String[] {"Engine", engine.getEngineName() + " " + engine.getVersion()});
        rows.add(new String[] {"Device", describeDevice(engine)});
        rows.add(new String[] {"Mode", Lab.mode().name().toLowerCase()});
        rows.add(new String[] {"Seed", Long.toString(Lab.seed())});
        rows.add(new String[] {"Project folder", Lab.home().toString()});
        rows.add(new String[] {"Data folder", Lab.dataDir().toString()});
        rows.add(new String[] {"Processors", Runtime.getRuntime().availableProcessors() + " cores, JVM heap up to "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB"});
        return twoColumns("Environment", "what", "in use", rows);
    }

    static String describeDevice(Engine engine) {
        int gpus = engine.getGpuCount();
        if (gpus == 0) {
            String why = CudaUtils.hasCuda() ? "CUDA libraries found but the engine sees no GPU" : "no GPU found";
            return "CPU (" + why + ")";
        }
        return engine.defaultDevice() + " (" + gpus + " GPU" + (gpus > 1 ? "s" : "") + " visible)";
    }

    static String kernelVersion() {
        String kernel = System.getProperty("vaelab.kernel");
        return kernel != null ? kernel : "not the VAE Lab kernel (IJava, JJava or plain Java)";
    }

    /** Every dataset file the labs use: OK, missing or corrupt, and what to do about it. */
    public static Table datasets() {
        Path dir = Lab.dataDir();
        List<String[]> rows = new ArrayList<>();
        for (List<DatasetFile> files : Datasets.ALL) {
            for (DatasetFile file : files) {
                Datasets.Status status = Datasets.check(dir, file);
                String action = switch (status) {
                    case OK -> "";
                    case MISSING -> "download " + file.url() + " to " + dir.resolve(file.relativePath());
                    case CORRUPT -> "delete " + dir.resolve(file.relativePath()) + " and download " + file.url() + " again";
                };
                rows.add(new String[] {file.dataset(), file.relativePath(), status.name().toLowerCase(), action});
            }
        }
        Table table = Table.create("Datasets in " + dir);
        for (int c = 0; c < 4; c++) {
            StringColumn column = StringColumn.create(new String[] {"dataset", "file", "status", "what to do"}[c]);
            for (String[] row : rows) {
                column.append(row[c]);
            }
            table.addColumns(column);
        }
        return table;
    }

    /**
     * The first training images of an IDX dataset (MNIST, Fashion-MNIST) as one picture, or, when
     * its files are not here, a sentence saying so, so that a fresh machine still runs this notebook.
     */
    public static Object preview(List<DatasetFile> idxDataset, int count) throws IOException {
        Path images = Lab.dataDir().resolve(idxDataset.get(0).relativePath());
        if (Datasets.check(Lab.dataDir(), idxDataset.get(0)) == Datasets.Status.MISSING) {
            return idxDataset.get(0).dataset() + ": not here yet (" + images + "); see the table above";
        }
        return ImageGrid.ofBytes(Idx.readImages(images, count), 28, 28, Math.min(count, 16), 2);
    }

    /** Training images per class of MNIST and Fashion-MNIST side by side, read from the label files. */
    public static CategoryChart classBalance() throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(720).height(340)
                .title("Training images per class").xAxisTitle("class index").yAxisTitle("images").build();
        List<String> classes = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        for (List<DatasetFile> dataset : List.of(Datasets.MNIST, Datasets.FASHION_MNIST)) {
            DatasetFile labelFile = dataset.get(1);
            if (Datasets.check(Lab.dataDir(), labelFile) == Datasets.Status.MISSING) {
                continue;
            }
            int[] counts = new int[classes.size()];
            for (byte label : Idx.readLabels(Lab.dataDir().resolve(labelFile.relativePath()), -1)) {
                counts[label]++;
            }
            List<Integer> values = new ArrayList<>();
            for (int count : counts) {
                values.add(count);
            }
            chart.addSeries(labelFile.dataset(), classes, values);
        }
        if (chart.getSeriesCollection().isEmpty()) {
            throw new IOException("neither MNIST nor Fashion-MNIST labels are in " + Lab.dataDir() + "; see the table above");
        }
        return chart;
    }

    private static Table twoColumns(String name, String first, String second, List<String[]> rows) {
        StringColumn a = StringColumn.create(first);
        StringColumn b = StringColumn.create(second);
        for (String[] row : rows) {
            a.append(row[0]);
            b.append(row[1]);
        }
        return Table.create(name, a, b);
    }
}
