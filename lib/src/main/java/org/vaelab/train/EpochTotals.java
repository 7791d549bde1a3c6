package org.vaelab.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An epoch's running sums of the loss and its terms, checked batch by batch for a loss that is no
 * longer finite, and reported to the run's progress.
 */
public final class EpochTotals {
    private List<String> names;
    private double[] sums;
    private final int epoch;
    private final int epochs;
    private final int batchesPerEpoch;
    private final int batchSize;
    private final float learningRate;
    private final Progress progress;
    private final Path lastCheckpoint;
    private final String model;
    private final Supplier<String> diagnosis;
    private final long started = System.nanoTime();
    private long ended;
    private int images;
    private int batches;

    /**
     * @param model the model's name, for the message when the loss is no longer finite
     * @param diagnosis what else that message says (which weights are no longer finite)
     */
    EpochTotals(int epoch, int epochs, int batchesPerEpoch, int batchSize, float learningRate,
                Progress progress, Path lastCheckpoint, String model, Supplier<String> diagnosis) {
        this.model = model;
        this.diagnosis = diagnosis;
        this.epoch = epoch;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.progress = progress;
        this.lastCheckpoint = lastCheckpoint;
    }

    /** Names the sums each batch adds, "total" first (once, before the first batch is added). */
    void names(List<String> termNames) {
        if (names == null) {
            names = List.copyOf(termNames);
            sums = new double[names.size()];
        }
    }

    void add(float[] batchSums, int size) {
        batches++;
        if (!Float.isFinite(batchSums[0])) {
            List<String> terms = new ArrayList<>();
            for (int i = 1; i < batchSums.length && i < names.size(); i++) {
                if (!Float.isFinite(batchSums[i])) {
                    terms.add(names.get(i) + " (" + batchSums[i] + ")");
                }
            }
            throw new TrainingStoppedException("the loss of " + model + " became " + batchSums[0] + " in epoch " + epoch + ", batch "
                    + batches + (terms.isEmpty() ? "" : "; terms not finite: " + String.join(", ", terms)) + "; " + diagnosis.get()
                    + ". Where the weights went non-finite on a step whose loss was finite, suspect the engine on this processor "
                    + "(./lab setup checks its convolutions); else try a smaller learning rate than " + learningRate + "; "
                    + kept(lastCheckpoint));
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] += batchSums[i];
        }
        images += size;
        double rate = images / seconds();
        double left = ((epochs - epoch) * (double) batchesPerEpoch + (batchesPerEpoch - batches)) * batchSize / rate;
        progress.batch(epoch, batches, batchSums[0] / size, rate, left);
    }

    TrainingStoppedException interrupted() {
        return new TrainingStoppedException("training was interrupted in epoch " + epoch + "; " + kept(lastCheckpoint));
    }

    /** The mean per example of each term ("total" first), over the epoch so far. */
    public Map<String, Double> means() {
        Map<String, Double> means = new LinkedHashMap<>();
        for (int i = 0; names != null && i < sums.length; i++) {
            means.put(names.get(i), sums[i] / images);
        }
        return means;
    }

    public int images() {
        return images;
    }

    /** Seconds of training in this epoch: until {@link #finish}, or until now while it runs. */
    public double seconds() {
        return ((ended != 0 ? ended : System.nanoTime()) - started) / 1e9;
    }

    /** Marks the end of the epoch's training (before any evaluation). */
    void finish() {
        ended = System.nanoTime();
    }

    static String kept(Path checkpoint) {
        return checkpoint == null ? "no epoch had finished, so there is no checkpoint"
                : "the last good checkpoint is kept at " + checkpoint;
    }
}
