package org.vaelab.report;

import org.vaelab.io.AtomicFiles;
import org.vaelab.train.History;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The figures one lab measured, kept for the report (notebook 08): each lab saves its own file
 * in a results folder ({@code .cache/results/}), replacing what an earlier run of that lab saved, and the report
 * gathers them into one table and {@code figures/results.csv}.
 */
public final class LabResults {
    private static final String HEADER = "lab,model,metric,value,mode,device";
    private final String lab;
    private final String mode;
    private final String device;
    private final Path dir;
    private final List<String[]> rows = new ArrayList<>();

    private LabResults(String lab, String mode, String device, Path dir) {
        this.lab = lab;
        this.mode = mode;
        this.device = device;
        this.dir = dir;
    }

    /**
     * The results of lab {@code lab} ("02", "05", …), empty until figures are added.
     *
     * @param mode   the mode they are measured in ("smoke", "full")
     * @param device the device and engine that measured them
     * @param dir    the results folder
     */
    public static LabResults of(String lab, String mode, String device, Path dir) {
        return new LabResults(lab, mode, device, dir);
    }

    /** One figure; a second figure of the same model and metric is refused, as two values would contradict each other. */
    public LabResults add(String model, String metric, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(lab + "/" + model + ": " + metric + " is " + value);
        }
        for (String[] row : rows) {
            if (row[0].equals(model) && row[1].equals(metric)) {
                throw new IllegalArgumentException("lab " + lab + " already has '" + metric + "' of " + model + " (" + row[2]
                        + "); a table added twice, or the same figure under two names? Leave one of them out");
            }
        }
        rows.add(new String[] {model, metric, Double.toString(value)});
        return this;
    }

    /** Every number of a table: its first column names the model, each numeric column is a metric. */
    public LabResults addTable(Table table) {
        Column<?> names = table.column(0);
        for (Column<?> column : table.columns().subList(1, table.columnCount())) {
            if (column instanceof NumericColumn<?> numbers) {
                for (int row = 0; row < table.rowCount(); row++) {
                    add(names.getString(row), column.name(), numbers.getDouble(row));
                }
            }
        }
        return this;
    }

    /** Training time in seconds and the mean training rate in samples per second, from a run's history. */
    public LabResults addTraining(String model, History history) {
        add(model, "training time (s)", Math.round(history.totalSeconds() * 10) / 10.0);
        return add(model, "samples per second", Math.round(history.table().doubleColumn("samples_per_s").mean()));
    }

    /** Writes {@code .cache/results/<lab>.csv} atomically; returns a line that says what was saved. */
    public String save() throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (String[] row : rows) {
            csv.append(String.join(",", quote(lab), quote(row[0]), quote(row[1]), row[2], mode, quote(device))).append('\n');
        }
        AtomicFiles.writeString(dir.resolve(lab + ".csv"), csv);
        return rows.size() + " figures of lab " + lab + " (" + mode + " mode) saved for the report";
    }

    /** Every lab's saved figures, in lab order, as columns lab, model, metric, value, mode, device. */
    public static Table collect(Path resultsDir) throws IOException {
        Table table = Table.create("results", StringColumn.create("lab"), StringColumn.create("model"), StringColumn.create("metric"),
                DoubleColumn.create("value"), StringColumn.create("mode"), StringColumn.create("device"));
        if (!Files.isDirectory(resultsDir)) {
            return table;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(resultsDir)) {
            files = list.filter(p -> p.getFileName().toString().matches("\\d\\d\\.csv")).sorted().toList();
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                throw new IOException(file + " is not a results file (its first line should be " + HEADER + "); delete it and rerun its lab");
            }
            for (String line : lines.subList(1, lines.size())) {
                List<String> fields = split(line);
                if (fields.size() != 6) {
                    throw new IOException(file + ": the line '" + line + "' has " + fields.size() + " fields, not 6; rerun its lab");
                }
                for (int c = 0; c < 6; c++) {
                    if (c == 3) {
                        table.doubleColumn(3).append(Double.parseDouble(fields.get(3)));
                    } else {
                        table.stringColumn(c).append(fields.get(c));
                    }
                }
            }
        }
        return table;
    }

    /** One row per lab and model, one column per metric (empty where a model has no such figure). */
    public static Table byModel(Table collected) {
        String[] labels = {"lab", "model", "mode", "device"};
        Table wide = Table.create("every model of the workbook", StringColumn.create("lab"), StringColumn.create("model"),
                StringColumn.create("mode"), StringColumn.create("device"));
        // A model's row is where it first appears; its metrics become columns in the order they first appear.
        Map<String, Integer> rowOf = new LinkedHashMap<>();
        List<String> metrics = new ArrayList<>();
        for (int i = 0; i < collected.rowCount(); i++) {
            if (rowOf.putIfAbsent(collected.stringColumn("lab").get(i) + "\u0000" + collected.stringColumn("model").get(i), rowOf.size()) == null) {
                for (String label : labels) {
                    wide.stringColumn(label).append(collected.stringColumn(label).get(i));
                }
            }
            if (!metrics.contains(collected.stringColumn("metric").get(i))) {
                metrics.add(collected.stringColumn("metric").get(i));
            }
        }
        for (String metric : metrics) {
            wide.addColumns(DoubleColumn.create(metric, rowOf.size()));
        }
        for (int i = 0; i < collected.rowCount(); i++) {
            int r = rowOf.get(collected.stringColumn("lab").get(i) + "\u0000" + collected.stringColumn("model").get(i));
            wide.doubleColumn(collected.stringColumn("metric").get(i)).set(r, collected.doubleColumn("value").get(i));
        }
        return wide;
    }

    /** Writes the gathered figures to {@code file} (the report's {@code figures/results.csv}), atomically. */
    public static Path writeCsv(Table collected, Path file) throws IOException {
        StringBuilder csv = new StringBuilder("lab,model,metric,value,mode\n");
        for (int i = 0; i < collected.rowCount(); i++) {
            csv.append(String.join(",", quote(collected.stringColumn("lab").get(i)), quote(collected.stringColumn("model").get(i)),
                    quote(collected.stringColumn("metric").get(i)), Double.toString(collected.doubleColumn("value").get(i)),
                    collected.stringColumn("mode").get(i))).append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.writeString(file, csv);
        return file;
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }

    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
