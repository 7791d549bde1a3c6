package org.vaelab.train;

/**
 * What a training run reports while it runs: a batch's figures (for a line that updates in place) and a
 * line per finished epoch, with its number and the run's last. The notebooks pass a live display
 * ({@code org.vaelab.viz.LiveProgress}), which in a headless run prints the last epoch's line only; elsewhere
 * every epoch's line is printed.
 */
public interface Progress {
    void batch(int epoch, int batch, double loss, double samplesPerSecond, double secondsLeft);

    /** Epoch {@code epoch} of {@code epochs} has ended; {@code line} gives its figures. */
    void epoch(int epoch, int epochs, String line);

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
            public void epoch(int epoch, int epochs, String line) {
                System.out.println(line);
            }
        };
    }
}
