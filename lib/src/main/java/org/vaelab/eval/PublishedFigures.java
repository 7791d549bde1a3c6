package org.vaelab.eval;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Published numbers that the labs put beside their own, each with where it was read. Only figures
 * a source states are here; a model or metric the sources at hand do not give is left out rather
 * than filled from memory.
 */
public final class PublishedFigures {
    /** pytorch/examples vae/main.py (784-400-20 ReLU, batch 128, Adam 1e-3): "Test set loss" logged after epoch 7. */
    public static final double PYTORCH_EXAMPLE_TEST_LOSS_EPOCH_7 = 106.6624;
    public static final String PYTORCH_EXAMPLE_SOURCE = "pytorch/examples vae/main.py, log in pytorch/examples#1416";

    private PublishedFigures() {
    }

    /**
     * MNIST–SVHN coherence of the mixture of experts (MMVAE), as fractions: Shi et al. (NeurIPS 2019),
     * Table 2, rounded to whole per cent as the MultiVae library's reproducibility table quotes them,
     * and MultiVae's own reproduction. Order: MNIST → SVHN, SVHN → MNIST, joint.
     */
    public static Table mnistSvhn() {
        Table table = Table.create("published MNIST–SVHN coherence", StringColumn.create("model"), StringColumn.create("source"),
                DoubleColumn.create("MNIST → SVHN"), DoubleColumn.create("SVHN → MNIST"), DoubleColumn.create("joint coherence"));
        add(table, "mixture (MMVAE)", "Shi et al. 2019, Table 2 (as quoted by MultiVae)", 0.86, 0.69, 0.42);
        add(table, "mixture (MMVAE)", "MultiVae's reproduction (github.com/AgatheSenellart/MultiVae)", 0.88, 0.67, 0.41);
        return table;
    }

    /** Every published anchor of the workbook, one row per figure, for the report (notebook 08). */
    public static Table anchors() {
        Table table = Table.create("published anchors", StringColumn.create("lab"), StringColumn.create("model"),
                StringColumn.create("metric"), DoubleColumn.create("value"), StringColumn.create("source"));
        anchor(table, "02", "784-400-20 ReLU recipe", "test loss after epoch 7", PYTORCH_EXAMPLE_TEST_LOSS_EPOCH_7, PYTORCH_EXAMPLE_SOURCE);
        Table svhn = mnistSvhn();
        for (int row = 0; row < svhn.rowCount(); row++) {
            for (int column = 2; column < svhn.columnCount(); column++) {
                anchor(table, "06", svhn.stringColumn(0).get(row), svhn.column(column).name(), svhn.doubleColumn(column).get(row),
                        svhn.stringColumn(1).get(row));
            }
        }
        return table;
    }

    private static void anchor(Table table, String lab, String model, String metric, double value, String source) {
        table.stringColumn(0).append(lab);
        table.stringColumn(1).append(model);
        table.stringColumn(2).append(metric);
        table.doubleColumn(3).append(value);
        table.stringColumn(4).append(source);
    }

    private static void add(Table table, String model, String source, double mnistToSvhn, double svhnToMnist, double joint) {
        table.stringColumn(0).append(model);
        table.stringColumn(1).append(source);
        table.doubleColumn(2).append(mnistToSvhn);
        table.doubleColumn(3).append(svhnToMnist);
        table.doubleColumn(4).append(joint);
    }
}
