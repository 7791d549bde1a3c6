package org.vaelab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.vaelab.sample.Noise;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * Minibatches over an ImageSet or over paired views, in an order shuffled per epoch from a seed
 * (the same seed and epoch give the same batches on any engine), the last batch possibly smaller.
 * Each batch lives in its own sub-manager of {@code parent} and must be closed after use.
 *
 * <p>With {@code binarize}, each pixel value p in [0, 1] becomes 1 with probability p, drawn
 * afresh every epoch (dynamic binarisation, for Bernoulli decoders as in the IWAE paper).
 */
public final class Batches implements Iterable<Batch> {
    private final NDManager parent;
    private final int size;
    private final int batchSize;
    private final long seed;
    private final int epoch;
    private final boolean binarize;
    private final ImageSet[] views;
    private final IntUnaryOperator[] indexOfView;
    private final IntUnaryOperator labelOf;

    private Batches(NDManager parent, int size, int batchSize, long seed, int epoch, boolean binarize,
                    ImageSet[] views, IntUnaryOperator[] indexOfView, IntUnaryOperator labelOf) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.parent = parent;
        this.size = size;
        this.batchSize = batchSize;
        this.seed = seed;
        this.epoch = epoch;
        this.binarize = binarize;
        this.views = views;
        this.indexOfView = indexOfView;
        this.labelOf = labelOf;
    }

    public static Batches of(ImageSet set, int batchSize, long seed, int epoch, boolean binarize, NDManager parent) {
        return new Batches(parent, set.size(), batchSize, seed, epoch, binarize,
                new ImageSet[] {set}, new IntUnaryOperator[] {i -> i}, set::label);
    }

    public static Batches of(PairedViews pairs, int batchSize, long seed, int epoch, boolean binarize, NDManager parent) {
        return new Batches(parent, pairs.size(), batchSize, seed, epoch, binarize,
                new ImageSet[] {pairs.first(), pairs.second()},
                new IntUnaryOperator[] {pairs::firstIndex, pairs::secondIndex}, pairs::label);
    }

    /** How many batches one epoch has. */
    public int count() {
        return (size + batchSize - 1) / batchSize;
    }

    /** This epoch's order of the items. */
    int[] order() {
        int[] order = new int[size];
        Arrays.setAll(order, i -> i);
        return PairedViews.shuffled(order, new SplittableRandom(Noise.mix(seed, epoch)));
    }

    @Override
    public Iterator<Batch> iterator() {
        int[] order = order();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int batchIndex = next / batchSize;
                int[] items = Arrays.copyOfRange(order, next, Math.min(size, next + batchSize));
                next += items.length;
                return make(items, batchIndex);
            }
        };
    }

    private Batch make(int[] items, int batchIndex) {
        NDManager manager = parent.newSubManager();
        try {
            NDList arrays = new NDList();
            for (int v = 0; v < views.length; v++) {
                int[] indices = new int[items.length];
                for (int i = 0; i < items.length; i++) {
                    indices[i] = indexOfView[v].applyAsInt(items[i]);
                }
                NDArray x = views[v].toFloats(manager, indices);
                if (binarize) {
                    x = binarized(x, manager, new SplittableRandom(Noise.mix(Noise.mix(seed, epoch), batchIndex * 2L + v)));
                }
                arrays.add(x);
            }
            int[] labels = new int[items.length];
            for (int i = 0; i < items.length; i++) {
                labels[i] = labelOf.applyAsInt(items[i]);
            }
            return new Batch(manager, arrays, labels, items);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static NDArray binarized(NDArray x, NDManager manager, SplittableRandom random) {
        float[] values = x.toFloatArray();
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() < values[i] ? 1f : 0f;
        }
        NDArray out = manager.create(values, x.getShape());
        x.close();
        return out.toType(DataType.FLOAT32, false);
    }

}
