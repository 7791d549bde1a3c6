package org.vaelab;

import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.vaelab.data.DatasetFile;
import org.vaelab.data.Datasets;
import org.vaelab.data.Idx;
import org.vaelab.data.ImageSet;
import org.vaelab.data.PairedViews;
import org.vaelab.data.Split;
import org.vaelab.viz.ImageGrid;
import org.vaelab.viz.MultiViewPictures;
import org.vaelab.viz.NotebookKernel;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        rows.add(new String[] {"Instruction sets", instructionSets(System.getenv())});
        rows.add(new String[] {"Mode", Lab.budget(Lab.mode())});
        rows.add(new String[] {"Seed", Long.toString(Lab.seed())});
        rows.add(new String[] {"Project folder", Lab.home().toString()});
        rows.add(new String[] {"Data folder", Lab.dataDir().toString()});
        rows.add(new String[] {"Processors", Runtime.getRuntime().availableProcessors() + " cores, JVM heap up to "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB"});
        return twoColumns("Environment", "what", "in use", rows);
    }

    /** What ./lab setup found this processor needs for correct convolutions (EngineSettings), as the kernel was started with. */
    static String instructionSets(Map<String, String> env) {
        Map<String, String> set = EngineSettings.set(env);
        return set.isEmpty() ? "the engine's own choice" : EngineSettings.describe(set)
                + " (capped for this processor: ./lab setup checks which setting computes convolutions correctly, docs/ENGINES.md)";
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
        if (kernel != null) {
            return kernel;
        }
        String running = NotebookKernel.name();
        return running != null ? running + " (charts, tables and progress connected by the workbook)" : "none found (plain Java)";
    }

    /** Every dataset file the labs use: OK, missing or corrupt, and what to do about it. */
    public static Table datasets() {
        Path dir = Lab.dataDir();
        List<String[]> rows = new ArrayList<>();
        for (List<DatasetFile> files : Datasets.ALL) {
            for (DatasetFile file : files == Datasets.CIFAR_10 ? cifarFiles() : files) {
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

    /** The datasets 00 previews, by the name the table uses, with how to load each one's test split. */
    private static final Map<String, DatasetSource> SOURCES = new LinkedHashMap<>();

    static {
        SOURCES.put("MNIST", new DatasetSource(() -> Datasets.MNIST, () -> Data.mnist(Split.TEST)));
        SOURCES.put("Fashion-MNIST", new DatasetSource(() -> Datasets.FASHION_MNIST, () -> Data.fashionMnist(Split.TEST)));
        SOURCES.put("SVHN", new DatasetSource(() -> List.of(Datasets.SVHN.get(1)), () -> Data.svhn(Split.TEST)));
        // The test split: the last of the unpacked batches, or the archive.
        SOURCES.put("CIFAR-10", new DatasetSource(() -> List.of(cifarFiles().get(cifarFiles().size() - 1)), () -> Data.cifar10(Split.TEST)));
    }

    /** CIFAR-10's files as they are here: the six unpacked batches where their folder is, else the archive. */
    private static List<DatasetFile> cifarFiles() {
        return Files.isDirectory(Lab.dataDir().resolve(Datasets.CIFAR_10_BATCHES.get(0).folder()))
                ? Datasets.CIFAR_10_BATCHES : Datasets.CIFAR_10;
    }

    private record DatasetSource(java.util.function.Supplier<List<DatasetFile>> files, IoSupplier<ImageSet> testSplit) {
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    /**
     * Two test images of each class of a dataset ("MNIST", "Fashion-MNIST", "SVHN", "CIFAR-10"),
     * one class per column, or, when its files are not here, a sentence saying so: previews never
     * start a download, so a fresh machine still runs this notebook.
     */
    public static Object preview(String dataset) throws IOException {
        DatasetSource source = SOURCES.get(dataset);
        if (source == null) {
            throw new IllegalArgumentException("no dataset called '" + dataset + "'; choose one of " + SOURCES.keySet());
        }
        for (DatasetFile file : source.files().get()) {
            if (Datasets.check(Lab.dataDir(), file) != Datasets.Status.OK) {
                return dataset + " is not here yet (" + Lab.dataDir().resolve(file.relativePath()) + "): see the table above";
            }
        }
        ImageSet set = source.testSplit().get();
        int[][] byClass = set.indicesByClass();
        int classes = byClass.length;
        int[] chosen = new int[2 * classes];
        for (int row = 0; row < 2; row++) {
            for (int k = 0; k < classes; k++) {
                chosen[row * classes + k] = byClass[k][row];
            }
        }
        return ImageGrid.of(set, chosen, classes, 2);
    }

    /**
     * Ten test images of each class of a dataset, one class per row, each row labelled with its
     * class name: for the datasets whose classes are pictures of things (CIFAR-10) or house numbers
     * (SVHN, or the synthetic street digits). A dataset that is not here says so, as in {@link #preview}.
     */
    public static Object rowsPerClass(String dataset) throws IOException {
        Object preview = preview(dataset);
        if (!(preview instanceof BufferedImage)) {
            return preview;
        }
        return rowsPerClass(SOURCES.get(dataset).testSplit().get(), 10);
    }

    /** The first {@code perClass} images of each class of a set, one class per labelled row, under the set's name. */
    public static BufferedImage rowsPerClass(ImageSet set, int perClass) {
        int[][] byClass = set.indicesByClass();
        List<BufferedImage> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < byClass.length; k++) {
            rows.add(ImageGrid.of(set, java.util.Arrays.copyOf(byClass[k], Math.min(perClass, byClass[k].length)), perClass, 2));
            String name = set.classNames().get(k);
            labels.add(name.equals(Integer.toString(k)) ? name : k + " " + name);
        }
        return ImageGrid.titled(ImageGrid.labelledRows(rows, labels), set.name() + ", test images");
    }

    /**
     * How lab 05 pairs the two views: the first test image of each MNIST digit (top row) beside the
     * Fashion-MNIST image the seeded pairing gives it (bottom row).
     */
    public static Object pairing() throws IOException {
        for (DatasetFile file : List.of(Datasets.MNIST.get(2), Datasets.FASHION_MNIST.get(2))) {
            if (Datasets.check(Lab.dataDir(), file) != Datasets.Status.OK) {
                return "pairing needs MNIST and Fashion-MNIST; " + file.relativePath() + " is not here yet";
            }
        }
        ImageSet mnist = Data.mnist(Split.TEST);
        ImageSet fashion = Data.fashionMnist(Split.TEST);
        PairedViews pairs = PairedViews.byLabel(mnist, fashion, 1, Lab.seed());
        int[] chosen = MultiViewPictures.onePairPerClass(pairs);
        int classes = chosen.length;
        int[] top = new int[classes];
        int[] bottom = new int[classes];
        for (int k = 0; k < classes; k++) {
            top[k] = pairs.firstIndex(chosen[k]);
            bottom[k] = pairs.secondIndex(chosen[k]);
        }
        BufferedImage upper = ImageGrid.of(mnist, top, classes, 3);
        BufferedImage lower = ImageGrid.of(fashion, bottom, classes, 3);
        BufferedImage both = new BufferedImage(upper.getWidth(), upper.getHeight() + lower.getHeight() - 1, BufferedImage.TYPE_INT_RGB);
        both.getGraphics().drawImage(upper, 0, 0, null);
        both.getGraphics().drawImage(lower, 0, upper.getHeight() - 1, null);
        return both;
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
