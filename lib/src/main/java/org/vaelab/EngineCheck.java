package org.vaelab;

import ai.djl.Device;
import org.vaelab.data.ImageSet;
import org.vaelab.data.PairedViews;
import org.vaelab.data.StreetDigits;
import org.vaelab.data.Batches;
import org.vaelab.model.Trainable;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;
import org.vaelab.model.multiview.MultiViewVae;
import org.vaelab.model.multiview.MultiViewConfig;
import org.vaelab.model.multiview.Posterior;
import org.vaelab.nn.ConvolutionCheck;
import org.vaelab.train.Progress;
import org.vaelab.train.Trainer;
import org.vaelab.train.TrainingLoop;
import org.vaelab.train.TrainingStoppedException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Whether this JVM's engine computes the workbook's convolutional models correctly on this processor:
 * every convolution of them against a plain Java computation ({@link ConvolutionCheck}), then the two
 * convolutional models that went wrong where a processor's vectorised path was faulty, trained for a few
 * batches, which must keep a finite loss (docs/ENGINES.md). It needs no dataset: the images are
 * synthetic street digits, and their grey centre as 28×28 "MNIST" images.
 */
public final class EngineCheck {
    /** Batches of each short training; the faults seen so far showed in the second. */
    static final int BATCHES = 6;

    private EngineCheck() {
    }

    /** One line per check, "ok …" or "WRONG …". */
    public record Report(List<String> lines, boolean passed) {
    }

    /** Runs every check on {@code device}; slow checks are skipped once one has failed. */
    public static Report run(Device device) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean passed = true;
        for (ConvolutionCheck.Outcome outcome : ConvolutionCheck.onEngine()) {
            lines.add((outcome.passed() ? "ok    " : "WRONG ") + outcome.describe());
            passed &= outcome.passed();
        }
        if (!passed) {
            return new Report(lines, false);
        }
        ImageSet street = StreetDigits.generate(ConvolutionCheck.BATCH * BATCHES, 42);
        PairedViews pairs = PairedViews.byLabel(greyCentre(street), street, 1, 42);
        Trainer trainer = new Trainer(device, Path.of("unused"), (name, epochs, batches) -> Progress.printing());
        VaeConfig colour = VaeConfig.conv(3, 32, 32, 256, 20).gaussian();
        passed &= trains(lines, "conv VAE, 3×32×32, Gaussian (the benchmark's)", trainer, () -> Vae.create(colour, 42, device),
                (epoch, manager) -> Batches.of(street, ConvolutionCheck.BATCH, 42, epoch, false, manager));
        MultiViewConfig product = MultiViewConfig.of(VaeConfig.conv(1, 28, 28, 256, 20), colour, Posterior.PRODUCT);
        passed &= trains(lines, "two-view product of experts, conv MNIST and street views (lab 06's)", trainer,
                () -> MultiViewVae.create(product, 42, device),
                (epoch, manager) -> Batches.of(pairs, ConvolutionCheck.BATCH, 42, epoch, false, manager));
        return new Report(lines, passed);
    }

    private static boolean trains(List<String> lines, String what, Trainer trainer, Supplier<Trainable> create,
                                  TrainingLoop.EpochBatches batches) throws IOException {
        long started = System.nanoTime();
        try (Trainable model = create.get()) {
            // Silent: the check's lines say what happened.
            trainer.train(model, batches, 1, BATCHES, ConvolutionCheck.BATCH, 1e-3f, 42);
            lines.add(String.format(Locale.ROOT, "ok    %s: %d batches with a finite loss (%.1f s)", what, BATCHES,
                    (System.nanoTime() - started) / 1e9));
            return true;
        } catch (TrainingStoppedException e) {
            lines.add("WRONG " + what + ": " + e.getMessage());
            return false;
        }
    }

    /** The centre 28×28 of each image's luminance: digit-shaped grey images of MNIST's size. */
    static ImageSet greyCentre(ImageSet colour) {
        int n = colour.size();
        int side = colour.height();
        byte[] pixels = new byte[n * 28 * 28];
        int[] labels = new int[n];
        int plane = side * side;
        int offset = (side - 28) / 2;
        for (int i = 0; i < n; i++) {
            byte[] from = colour.image(i);
            labels[i] = colour.label(i);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int at = (y + offset) * side + x + offset;
                    double luma = 0.299 * (from[at] & 0xff) + 0.587 * (from[at + plane] & 0xff) + 0.114 * (from[at + 2 * plane] & 0xff);
                    pixels[(i * 28 + y) * 28 + x] = (byte) Math.round(luma);
                }
            }
        }
        return new ImageSet("grey centres of " + colour.name(), 1, 28, 28, pixels, labels, colour.classNames());
    }
}
