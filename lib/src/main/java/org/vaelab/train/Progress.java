package org.vaelab.train;

/**
 * What a training run reports while it runs: a batch's figures (for a line that updates in place) and a
 * line per finished epoch. The notebooks pass a live display ({@code org.vaelab.viz.LiveProgress});
 * elsewhere the epoch lines are printed.
 */
public interface Progress {
    void batch(int epoch, int batch, double loss, double samplesPerSecond, double secondsLeft);

    void epoch(String line);

    /** Makes the progress of one run. */
    @FunctionalInterface
    interface Factory {
        Progress start(String name, int epochs, int batchesPerEpoch);
    }

    /** Prints each epoch's line, nothing per batch. */
    static Progress printing() {
        return new Progress() {
            @Override
            public void batch(int epoch, int batch, double loss, double samplesPerSecond, double secondsLeft) {
            }

            @Override
            public void epoch(String line) {
                System.out.println(line);
            }
        };
    }
}
