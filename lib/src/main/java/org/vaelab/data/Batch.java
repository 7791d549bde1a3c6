package org.vaelab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * One minibatch: its views as (n, pixels) float arrays and its labels, all in a manager of its
 * own. Close it (try-with-resources) when the step is done, so the native memory of every batch is
 * freed before the next one is made.
 */
public final class Batch implements AutoCloseable {
    private final NDManager manager;
    private final NDList views;
    private final int[] labelValues;
    private final int[] indices;
    private NDArray labels;

    Batch(NDManager manager, NDList views, int[] labelValues, int[] indices) {
        this.manager = manager;
        this.views = views;
        this.labelValues = labelValues;
        this.indices = indices;
    }

    /**
     * A batch of arrays already made in {@code manager} (which the batch then owns and closes), e.g.
     * codes and targets gathered for a fine-tuning step.
     */
    public static Batch of(NDManager manager, NDList views, int[] labelValues, int[] indices) {
        return new Batch(manager, views, labelValues, indices);
    }

    /** The (first) view: images as floats in [0, 1] (or 0/1 if binarised), shape (n, pixels). */
    public NDArray x() {
        return views.get(0);
    }

    /** View {@code v} (0 or 1) of a paired batch. */
    public NDArray x(int v) {
        return views.get(v);
    }

    /** Labels as int32, shape (n), made on first use: unsupervised training never needs them on the engine. */
    public NDArray labels() {
        if (labels == null) {
            labels = manager.create(labelValues);
        }
        return labels;
    }

    /** Labels as Java ints. */
    public int[] labelValues() {
        return labelValues.clone();
    }

    /** Which images (or pairs) of the source this batch holds. */
    public int[] indices() {
        return indices.clone();
    }

    public int size() {
        return indices.length;
    }

    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
