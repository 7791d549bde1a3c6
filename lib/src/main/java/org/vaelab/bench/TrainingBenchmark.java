package org.vaelab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import org.vaelab.Data;
import org.vaelab.Lab;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;
import org.vaelab.io.AtomicFiles;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;
import org.vaelab.train.Progress;
import org.vaelab.train.TrainSettings;
import org.vaelab.train.Trained;
import org.vaelab.train.Trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Trains two VAEs with the notebooks' own training loop on this JVM's engine, batch 128, Adam 1e-3,
 * for 3 epochs each, and prints their speed beside the ceiling of the operator each one spends its
 * time in, measured in the same run:
 * <ul>
 *   <li>{@code mlp}: lab 02's 784-400-20 ReLU VAE on MNIST's 60,000 training images; its ceiling is
 *       the engine's dense layer (a 1024-wide fully connected layer on a batch of 1024 rows);</li>
 *   <li>{@code conv}: lab 06's street-digit view (32×32×3, two stride-2 convolutions, Gaussian
 *       likelihood) on CIFAR-10's first training batch (10,000 images); its ceiling is the engine's
 *       convolution at the decoder's largest layer (3×3, 64 → 32 channels on 16×16, batch 128).</li>
 * </ul>
 * For each: samples per second (the median epoch), the achieved GFLOP/s as a fraction of the
 * ceiling, and resident memory after each epoch and at its peak. The last line is one JSON object
 * for this engine; {@code ./lab bench} runs it once per engine and beside the Python peer.
 */
public final class TrainingBenchmark {
    /**
     * Forward and backward of the MLP VAE per sample: 2·(784·400 + 400·40 + 20·400 + 400·784) ≈ 1.09
     * MFLOP forward, about three times that with the backward pass.
     */
    static final double MLP_MFLOP_PER_SAMPLE = 3.28;
    /**
     * The conv VAE per sample, forward: encoder convolutions 16·16·32·3·16 + 8·8·64·32·16, dense
     * 4096·256 + 256·40; decoder 20·256 + 256·4096, convolutions 16·16·32·64·9 + 32·32·3·32·9
     * multiply-adds, 10.21 M in all = 20.4 MFLOP; three times that with the backward pass.
     */
    static final double CONV_MFLOP_PER_SAMPLE = 61.3;
    private static final int EPOCHS = Integer.getInteger("vaelab.bench.epochs", 3);

    private TrainingBenchmark() {
    }

    /** One model's figures. */
    record Figures(double samplesPerSecond, double ceilingGflops, double mflopPerSample, long peakRssMb, List<Long> rssMbPerEpoch) {
        double fraction() {
            return samplesPerSecond * mflopPerSample / 1000 / ceilingGflops;
        }

        String json() {
            return String.format(Locale.ROOT, "{\"samples_per_s\":%.0f,\"ceiling_gflops\":%.1f,\"fraction_of_ceiling\":%.3f,"
                    + "\"peak_rss_mb\":%d,\"rss_mb_per_epoch\":%s}", samplesPerSecond, ceilingGflops, fraction(), peakRssMb, rssMbPerEpoch);
        }
    }

    public static void main(String[] args) throws Exception {
        // ./lab bench names each configuration it measures ("PyTorch, 1 thread" beside the notebooks' "PyTorch").
        String name = System.getProperty("vaelab.bench.name", Engine.getInstance().getEngineName());
        List<String> models = List.of(System.getProperty("vaelab.bench.models", "mlp,conv").split(","));
        List<String> entries = new ArrayList<>();
        if (models.contains("mlp")) {
            Figures mlp = measure(VaeConfig.mlp(400, 20).relu(), Data.mnist(Split.TRAIN), Data.mnist(Split.TEST).head(1000),
                    linearCeilingGflops(), MLP_MFLOP_PER_SAMPLE);
            print(name, "MLP VAE 784-400-20", mlp);
            entries.add("\"mlp\":" + mlp.json());
        }
        if (models.contains("conv")) {
            ImageSet cifar = Data.cifar10(Split.TRAIN).head(10_000); // data_batch_1.bin
            Figures conv = measure(VaeConfig.conv(3, 32, 32, 256, 20).gaussian(), cifar, Data.cifar10(Split.TEST).head(500),
                    convCeilingGflops(), CONV_MFLOP_PER_SAMPLE);
            print(name, "conv VAE 32x32x3 (CIFAR-10 batch 1)", conv);
            entries.add("\"conv\":" + conv.json());
        }
        System.out.println("{\"" + name + "\":{" + String.join(",", entries) + "}}");
    }

    private static void print(String engine, String model, Figures f) {
        System.out.printf(Locale.ROOT, "%s, %s: %,.0f samples/s (median epoch) = %.1f GFLOP/s of the operator's %.1f GFLOP/s ceiling (%.0f%%); "
                        + "RSS after each epoch %s MB, peak %d MB%n", engine, model, f.samplesPerSecond(),
                f.samplesPerSecond() * f.mflopPerSample() / 1000, f.ceilingGflops(), 100 * f.fraction(), f.rssMbPerEpoch(), f.peakRssMb());
    }

    private static Figures measure(VaeConfig config, ImageSet train, ImageSet test, double ceiling, double mflop) throws Exception {
        List<Long> rss = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        Path checkpoints = Files.createTempDirectory("vaelab-bench");
        // The notebooks' own training loop, so the figure is the one a student sees.
        Trainer trainer = new Trainer(Lab.device(), checkpoints, (n, e, b) -> Progress.printing());
        try (Trained<Vae> run = trainer.fit(config, train, test, TrainSettings.adam(EPOCHS, 1), epoch -> rss.add(ProcessMemory.rssMb()))) {
            for (double rate : run.history().table().doubleColumn("samples_per_s").asDoubleArray()) {
                rates.add(rate);
            }
        } finally {
            AtomicFiles.deleteTree(checkpoints);
        }
        rates.sort(Double::compare);
        return new Figures(rates.get(rates.size() / 2), ceiling, mflop, ProcessMemory.peakRssMb(), rss);
    }

    /** The engine's dense layer (the VAE's operator): x (1024×1024) times a 1024×1024 weight, plus bias; best of 5 rounds. */
    static double linearCeilingGflops() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomUniform(-1, 1, new Shape(1024, 1024));
            NDArray w = manager.randomUniform(-1, 1, new Shape(1024, 1024));
            NDArray b = manager.zeros(new Shape(1024));
            return best(2.0 * 1024 * 1024 * 1024, () -> Linear.linear(x, w, b).singletonOrThrow().getFloat(0, 0));
        }
    }

    /** The engine's convolution at the conv VAE's largest layer: 3×3, 64 → 32 channels on 16×16, batch 128, padding 1. */
    static double convCeilingGflops() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomUniform(-1, 1, new Shape(128, 64, 16, 16));
            NDArray w = manager.randomUniform(-1, 1, new Shape(32, 64, 3, 3));
            NDArray b = manager.zeros(new Shape(32));
            double flops = 2.0 * 128 * 16 * 16 * 32 * 64 * 9;
            return best(flops, () -> {
                NDList out = Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1);
                return out.singletonOrThrow().getFloat(0, 0, 0, 0);
            });
        }
    }

    /** The best rate of 5 rounds of 10 calls, after a warm-up; reading one value waits for the engine. */
    private static double best(double flopsPerCall, DoubleSupplier call) {
        call.getAsDouble();
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long started = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                call.getAsDouble();
            }
            best = Math.max(best, 10 * flopsPerCall / ((System.nanoTime() - started) / 1e9) / 1e9);
        }
        return best;
    }
}
