package org.vaelab.train;

/**
 * How a model is trained: Adam with a fixed learning rate, minibatches shuffled per epoch from the
 * seed. {@code batchesPerEpoch} cuts epochs short (smoke mode); 0 means the whole set.
 */
public record TrainSettings(int epochs, int batchSize, float learningRate, long seed, boolean binarize, int batchesPerEpoch) {
    public TrainSettings {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || batchesPerEpoch < 0) {
            throw new IllegalArgumentException("epochs and batch size must be at least 1 and the learning rate positive: " + this);
        }
    }

    /** Adam 1e-3, batch 128, the pytorch/examples recipe. */
    public static TrainSettings adam(int epochs, long seed) {
        return new TrainSettings(epochs, 128, 1e-3f, seed, false, 0);
    }

    public TrainSettings withBatchesPerEpoch(int batches) {
        return new TrainSettings(epochs, batchSize, learningRate, seed, binarize, batches);
    }

    public TrainSettings withBinarize(boolean on) {
        return new TrainSettings(epochs, batchSize, learningRate, seed, on, batchesPerEpoch);
    }

    public TrainSettings withEpochs(int n) {
        return new TrainSettings(n, batchSize, learningRate, seed, binarize, batchesPerEpoch);
    }
}
