package org.vaelab.train;

/**
 * How a model is trained: Adam, minibatches shuffled per epoch from the seed, and a learning rate
 * that stays fixed or, with {@code cosineDecay}, falls along half a cosine from its value at the
 * first step to 0 at the last. {@code batchesPerEpoch} cuts epochs short (smoke mode); 0 means the whole set.
 */
public record TrainSettings(int epochs, int batchSize, float learningRate, long seed, boolean binarize, int batchesPerEpoch,
                            boolean cosineDecay) {
    public TrainSettings {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || batchesPerEpoch < 0) {
            throw new IllegalArgumentException("epochs and batch size must be at least 1 and the learning rate positive: " + this);
        }
    }

    /** Adam 1e-3, batch 128, the pytorch/examples recipe. */
    public static TrainSettings adam(int epochs, long seed) {
        return new TrainSettings(epochs, 128, 1e-3f, seed, false, 0, false);
    }

    public TrainSettings withBatchesPerEpoch(int batches) {
        return new TrainSettings(epochs, batchSize, learningRate, seed, binarize, batches, cosineDecay);
    }

    public TrainSettings withBinarize(boolean on) {
        return new TrainSettings(epochs, batchSize, learningRate, seed, on, batchesPerEpoch, cosineDecay);
    }

    public TrainSettings withBatchSize(int size) {
        return new TrainSettings(epochs, size, learningRate, seed, binarize, batchesPerEpoch, cosineDecay);
    }

    public TrainSettings withLearningRate(float rate) {
        return new TrainSettings(epochs, batchSize, rate, seed, binarize, batchesPerEpoch, cosineDecay);
    }

    /** The learning rate falls from its set value to 0 along half a cosine over all the steps of all the epochs. */
    public TrainSettings withCosineDecay() {
        return new TrainSettings(epochs, batchSize, learningRate, seed, binarize, batchesPerEpoch, true);
    }

    public TrainSettings withEpochs(int n) {
        return new TrainSettings(n, batchSize, learningRate, seed, binarize, batchesPerEpoch, cosineDecay);
    }

    /** Everything that determines how the model is trained, for cache keys (every field, by name). */
    public String key() {
        return "train(epochs=" + epochs + ",batchSize=" + batchSize + ",learningRate=" + learningRate + ",seed=" + seed
                + ",binarize=" + binarize + ",batchesPerEpoch=" + batchesPerEpoch + ",cosineDecay=" + cosineDecay + ")";
    }

    /**
     * The learning rate of step {@code step} (0-based, counted over the whole run) of a run of
     * {@code totalSteps} steps: η for a fixed rate, η·½(1 + cos(π·step/totalSteps)) with cosine decay.
     */
    public float learningRateAt(long step, long totalSteps) {
        if (!cosineDecay) {
            return learningRate;
        }
        double progress = Math.min(1.0, (double) step / totalSteps);
        return (float) (learningRate * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
