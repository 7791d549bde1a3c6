package org.vaelab.train;

import org.vaelab.viz.LiveOutput;

import java.util.Locale;

/**
 * One progress line per training run: in a live notebook it is rewritten in place at most twice a
 * second (epoch, batch, loss, samples per second, time left); elsewhere a plain line per epoch.
 */
final class TrainingProgress {
    private final String name;
    private final int epochs;
    private final int batchesPerEpoch;
    private final String displayId;
    private long lastUpdate;

    TrainingProgress(String name, int epochs, int batchesPerEpoch) {
        this.name = name;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.displayId = LiveOutput.live() ? LiveOutput.show(name + ": starting") : null;
    }

    void batch(int epoch, int batch, double loss, double samplesPerSecond, double secondsLeft) {
        long now = System.nanoTime();
        if (displayId == null || now - lastUpdate < 500_000_000L) {
            return;
        }
        lastUpdate = now;
        LiveOutput.update(displayId, String.format(Locale.ROOT, "%s: epoch %d/%d, batch %d/%d, loss %.2f, %,.0f samples/s, %s left",
                name, epoch, epochs, batch, batchesPerEpoch, loss, samplesPerSecond, clock(secondsLeft)));
    }

    void epoch(int epoch, double trainLoss, double testLoss, double testReconstruction, double testKl, double seconds,
               double samplesPerSecond) {
        String line = String.format(Locale.ROOT,
                "%s: epoch %d/%d, train loss %.2f, test loss %.2f (reconstruction %.2f + KL %.2f), %.1f s, %,.0f samples/s",
                name, epoch, epochs, trainLoss, testLoss, testReconstruction, testKl, seconds, samplesPerSecond);
        if (displayId != null) {
            LiveOutput.update(displayId, line);
        } else {
            System.out.println(line);
        }
    }

    void message(String line) {
        if (displayId != null) {
            LiveOutput.update(displayId, name + ": " + line);
        } else {
            System.out.println(name + ": " + line);
        }
    }

    private static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
