package org.vaelab.train;

import org.vaelab.io.AtomicFiles;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One row per epoch: train and test loss terms per image, time and throughput. */
public final class History {
    public static final String[] TERMS = {"loss", "reconstruction", "kl"};
    private final Table table;

    public History(String name) {
        table = Table.create(name, IntColumn.create("epoch"),
                DoubleColumn.create("train_loss"), DoubleColumn.create("train_reconstruction"), DoubleColumn.create("train_kl"),
                DoubleColumn.create("test_loss"), DoubleColumn.create("test_reconstruction"), DoubleColumn.create("test_kl"),
                DoubleColumn.create("seconds"), DoubleColumn.create("samples_per_s"));
    }

    private History(Table table) {
        this.table = table;
    }

    public void add(int epoch, double[] train, double[] test, double seconds, double samplesPerSecond) {
        table.intColumn("epoch").append(epoch);
        for (int i = 0; i < TERMS.length; i++) {
            table.doubleColumn("train_" + TERMS[i]).append(train[i]);
            table.doubleColumn("test_" + TERMS[i]).append(test[i]);
        }
        table.doubleColumn("seconds").append(seconds);
        table.doubleColumn("samples_per_s").append(samplesPerSecond);
    }

    /** The history as a Tablesaw table (the kernel shows it as HTML). */
    public Table table() {
        return table;
    }

    public int epochs() {
        return table.rowCount();
    }

    /** A value of the last epoch, e.g. {@code last("test_loss")}. */
    public double last(String column) {
        if (table.rowCount() == 0) {
            throw new IllegalStateException("the history is empty: no epoch has finished");
        }
        return table.doubleColumn(column).get(table.rowCount() - 1);
    }

    public double totalSeconds() {
        return table.doubleColumn("seconds").sum();
    }

    void write(Path file) throws IOException {
        AtomicFiles.writeFile(file, temporary -> table.write().csv(temporary.toFile()));
    }

    static History read(Path file, String name) throws IOException {
        Table read = Table.read().csv(file.toFile());
        History history = new History(name);
        for (int row = 0; row < read.rowCount(); row++) {
            double[] train = new double[TERMS.length];
            double[] test = new double[TERMS.length];
            for (int i = 0; i < TERMS.length; i++) {
                train[i] = read.numberColumn("train_" + TERMS[i]).getDouble(row);
                test[i] = read.numberColumn("test_" + TERMS[i]).getDouble(row);
            }
            history.add((int) read.numberColumn("epoch").getDouble(row), train, test,
                    read.numberColumn("seconds").getDouble(row), read.numberColumn("samples_per_s").getDouble(row));
        }
        return history;
    }
}
