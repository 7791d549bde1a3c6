package org.vaelab.train;

import org.vaelab.io.AtomicFiles;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row per epoch: the training loss and each of its terms by name (the ELBO's reconstruction and KL, and
 * whatever else the model minimises: InfoVAE's {@code mmd}, the centre loss's {@code centre}), the test −ELBO and
 * its two terms, time and throughput. Columns are {@code train_<term>} and {@code test_<term>}, the total as
 * {@code loss}.
 */
public final class History {
    /** The terms every history has, train and test: the loss and the ELBO's two terms. */
    public static final String[] TERMS = {"loss", "reconstruction", "kl"};
    private static final String SECONDS = "seconds";
    private static final String RATE = "samples_per_s";
    private final Table table;

    public History(String name) {
        table = Table.create(name, IntColumn.create("epoch"));
        for (String prefix : new String[] {"train_", "test_"}) {
            for (String term : TERMS) {
                table.addColumns(DoubleColumn.create(prefix + term));
            }
        }
        table.addColumns(DoubleColumn.create(SECONDS), DoubleColumn.create(RATE));
    }

    /**
     * Adds an epoch's row.
     *
     * @param train the training means per example by term ("total" or "loss" for the loss); a term not seen before
     *              gets a column of its own after the training terms (earlier epochs read NaN there)
     * @param test  the test means by term, the same way
     */
    public void add(int epoch, Map<String, Double> train, Map<String, Double> test, double seconds, double samplesPerSecond) {
        int rows = table.rowCount();
        addColumns("train_", train.keySet(), rows);
        addColumns("test_", test.keySet(), rows);
        table.intColumn("epoch").append(epoch);
        train.forEach((term, mean) -> table.doubleColumn(columnOf("train_", term)).append(mean));
        test.forEach((term, mean) -> table.doubleColumn(columnOf("test_", term)).append(mean));
        for (Column<?> column : table.columns()) {
            if (column.size() == rows && column instanceof DoubleColumn numbers && !column.name().equals(SECONDS)
                    && !column.name().equals(RATE)) {
                numbers.appendMissing();
            }
        }
        table.doubleColumn(SECONDS).append(seconds);
        table.doubleColumn(RATE).append(samplesPerSecond);
    }

    private static String columnOf(String prefix, String term) {
        return prefix + (term.equals("total") ? "loss" : term);
    }

    /** A column for each term not seen before, after the columns of its prefix, missing in the rows so far. */
    private void addColumns(String prefix, java.util.Set<String> terms, int rows) {
        for (String term : terms) {
            String name = columnOf(prefix, term);
            if (!table.containsColumn(name)) {
                DoubleColumn column = DoubleColumn.create(name);
                for (int i = 0; i < rows; i++) {
                    column.appendMissing();
                }
                table.insertColumn(lastColumnOf(prefix) + 1, column);
            }
        }
    }

    private int lastColumnOf(String prefix) {
        int last = 0;
        for (int i = 0; i < table.columnCount(); i++) {
            if (table.column(i).name().startsWith(prefix)) {
                last = i;
            }
        }
        return last;
    }

    /** The history as a Tablesaw table (the kernel shows it as HTML). */
    public Table table() {
        return table;
    }

    public int epochs() {
        return table.rowCount();
    }

    /** A value of the last epoch, e.g. {@code last("test_loss")} or {@code last("train_mmd")}. */
    public double last(String column) {
        if (table.rowCount() == 0) {
            throw new IllegalStateException("the history is empty: no epoch has finished");
        }
        if (!table.containsColumn(column)) {
            throw new IllegalArgumentException("the history of " + table.name() + " has no column '" + column + "'; it has "
                    + table.columnNames());
        }
        return table.doubleColumn(column).get(table.rowCount() - 1);
    }

    public double totalSeconds() {
        return table.doubleColumn(SECONDS).sum();
    }

    void write(Path file) throws IOException {
        AtomicFiles.writeFile(file, temporary -> table.write().csv(temporary.toFile()));
    }

    static History read(Path file, String name) throws IOException {
        Table read = Table.read().csv(file.toFile());
        History history = new History(name);
        for (int row = 0; row < read.rowCount(); row++) {
            Map<String, Double> train = new LinkedHashMap<>();
            Map<String, Double> test = new LinkedHashMap<>();
            for (String column : read.columnNames()) {
                if (column.startsWith("train_")) {
                    train.put(column.substring("train_".length()), read.numberColumn(column).getDouble(row));
                } else if (column.startsWith("test_")) {
                    test.put(column.substring("test_".length()), read.numberColumn(column).getDouble(row));
                }
            }
            history.add((int) read.numberColumn("epoch").getDouble(row), train, test,
                    read.numberColumn(SECONDS).getDouble(row), read.numberColumn(RATE).getDouble(row));
        }
        return history;
    }
}
