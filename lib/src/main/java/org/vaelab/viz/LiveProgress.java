package org.vaelab.viz;

import org.vaelab.train.Progress;

import java.util.Locale;

/**
 * One progress line per training run: in a live notebook it is rewritten in place at most twice a
 * second (epoch, batch, loss, samples per second, time left) and ends as the last epoch's line; in a headless
 * run (a report) only the last epoch's line is printed, one summary line per model.
 */
public final class LiveProgress implements Progress {
    private final String name;
    private final int epochs;
    private final int batchesPerEpoch;
    private final String displayId;
    private long lastUpdate;

    public LiveProgress(String name, int epochs, int batchesPerEpoch) {
        this.name = name;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.displayId = LiveOutput.live() ? LiveOutput.show(name + ": starting") : null;
    }

    @Override
    public void batch(int epoch, int batch, double loss, double samplesPerSecond, double secondsLeft) {
        long now = System.nanoTime();
        if (displayId == null || now - lastUpdate < 500_000_000L) {
            return;
        }
        lastUpdate = now;
        LiveOutput.update(displayId, String.format(Locale.ROOT, "%s: epoch %d/%d, batch %d/%d, loss %.2f, %,.0f samples/s, %s left",
                name, epoch, epochs, batch, batchesPerEpoch, loss, samplesPerSecond, clock(secondsLeft)));
    }

    @Override
    public void epoch(int epoch, int epochs, String line) {
        if (displayId != null) {
            LiveOutput.update(displayId, line);
        } else if (epoch == epochs) {
            System.out.println(line);
        }
    }

    private static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
